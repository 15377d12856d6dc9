"""Parse stage: one module per input kind, each filling a `Record` in place.

``xml_form`` (ownershipDocument XML), ``submission`` (EDGAR .txt with its
documents), ``html_form`` (the rendered form, read by its table structure),
``text_form`` (the form as text from any converter), ``ascii_form`` (pre-2003
EDGAR text forms), ``press_release`` and ``power_of_attorney``.  Called by
``insiders.pipeline``; values go through ``insiders.normalize``.
"""
