"""The data contract: what every other part agrees on, and imports nothing of safetymap but
``config``.

The columns and their aliases (``schema``), the vocabularies with their Swedish and English
labels (``vocab``, data in ``vocabularies/``), the file limits (``limits``), problems and their
messages (``problems``), the UI's words in both languages (``i18n``), the registry of source
documents (``sources``) and the contract table a version stores (``table``).
"""
