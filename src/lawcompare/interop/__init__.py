"""Getting legislation in and out: Akoma Ntoso XML, pages saved from official legal portals."""
