"""The ``lawcompare`` command line: parses arguments and dispatches; the work is in the library."""
