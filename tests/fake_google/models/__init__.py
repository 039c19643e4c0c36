"""State and rules of the fake Google services; one module per API, all files in one Drive."""
