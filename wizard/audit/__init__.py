"""Reading an existing privacy notice (not one seloste wrote): `seloste audit` scores it against Arts 13 and 14
and the known mistakes of old Finnish notices; `seloste import` turns what it says into answers.

`reading` turns a file (text, Markdown, HTML, Word, PDF) into blocks of text with where each was found;
`sections` groups them under headings recognised by their meaning; `items` and `mistakes` judge them;
`report` prints the verdict. Nothing here imports Textual.
"""
