"""Detection: find rubric elements and penalties in statute text, pointing at the words."""
