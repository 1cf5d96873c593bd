"""The command line (``python -m safetymap``): validate, publish, versions, history, rollback,
export, hash-password and briefing, in ``commands``. A face beside ``ui``: it may import every
layer, never ``ui`` or streamlit.
"""
