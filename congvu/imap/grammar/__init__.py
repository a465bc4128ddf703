"""Sans-IO IMAP wire grammar (issue 11): bytes → typed commands, typed responses → bytes."""
