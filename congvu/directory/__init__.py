"""Directory service: domains, units, accounts, aliases, credentials (GLOSSARY "directory")."""
