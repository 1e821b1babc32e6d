"""`make preview`: see edited answers as young people would, without Telegram."""
