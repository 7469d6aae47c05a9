"""seloste: writes a GDPR privacy notice (tietosuojaseloste) from a business's answers.

This package's top level must stay import-light: the command line imports it for every call, and the chat
interface (Textual) is loaded only when the chat starts.
"""

__version__ = "0.1.0"
