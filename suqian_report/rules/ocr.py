"""What a reading by OCR is trusted with: the confidence below which a figure is in doubt, and the letters the
recogniser reads for a lone digit in a table cell."""

LOW_CONFIDENCE = 0.9  # a figure whose characters the engine read with less confidence than this is in doubt

# A cell holding one character alone: the recogniser, with no digits around to go by, reads a 0 as the letter o
# (or 〇, 。, °, a dot when the scan is coarse) and a 1 as l, I or T.  In a table cell, alone, it is the digit.
LOOKALIKES = {
    **dict.fromkeys(("o", "O", "〇", "。", "°", "Ｏ", "ｏ", ".", "．", "·", "•"), "0"),
    **dict.fromkeys(("l", "I", "T", "|", "丨", "ｌ", "Ｉ", "Ｔ"), "1"),
}
GUESSED = 0.5  # the confidence given a digit taken for the letter read: only the table's identities confirm it
