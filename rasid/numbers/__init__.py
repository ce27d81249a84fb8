"""Numbers in Arabic text: digits, Arabic-Indic digits and number words, and the quantities they count."""
