"""The chat's screens: the interview, the review, the export and small dialogs."""
