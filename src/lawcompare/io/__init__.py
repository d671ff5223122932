"""Reading and writing files: YAML (the one door), Akoma Ntoso, portal pages."""
