"""Test support used by our tests and by others': in-memory fakes of the service contracts
(`fakes`) and a real ``congvu serve`` subprocess on free loopback ports (`server`)."""
