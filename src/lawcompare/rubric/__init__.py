"""Rubrics as data: criteria with legal bases, obligation levels, model provisions and detection patterns."""
