"""Streamlit's own words in the page's language.

Streamlit words its widgets in English only: "No results" in a menu, "Press Enter to apply"
under a text field, and names for screen readers such as "Remove Kista", "Clear all",
"Choose date", "Collapse sidebar". With the page in Swedish, a small script (``st.html`` with
JavaScript, built from the texts here only) rewords them as they appear (and, in English,
words back what it reworded before the language changed): whole texts on the
page (never part of one, so no data is reworded), and names that are, begin or end with a
known phrase. The multiselects leave out "Select all"
themselves (``select_all=False``); ``ui/upload.uploader_words`` words the file chooser.
"""

from __future__ import annotations

import json

from safetymap.contract.problems import Lang

# Texts Streamlit 1.67 shows on the page (a whole text, so that data is never reworded).
SWEDISH_TEXTS = {
    "No results": "Inga träffar",
    "Press Enter to apply": "Tryck Enter för att använda",
    "Press Enter to submit form": "Tryck Enter för att skicka",
    "Select all": "Välj alla",
    "Skip to main content": "Hoppa till sidans innehåll",
    "Show more": "Visa mer",
    "Show less": "Visa mindre",
}
# Names it gives for screen readers (aria-label, title, placeholder).
SWEDISH_NAMES = {
    **SWEDISH_TEXTS,
    "Clear all": "Rensa alla",
    "Choose an option": "Välj ett alternativ",
    "Choose options": "Välj alternativ",
    "Selected values": "Valda värden",
    "Open": "Öppna",
    "Close": "Stäng",
    "Dismiss": "Stäng",
    "Choose date": "Välj datum",
    "Next month": "Nästa månad",
    "Previous month": "Föregående månad",
    "Sidebar": "Sidopanel",
    "Collapse sidebar": "Fäll ihop sidopanelen",
    "Expand sidebar": "Fäll ut sidopanelen",
    "App pages": "Sidor",
    "Main menu": "Huvudmeny",
    "Link to heading": "Länk till rubriken",
    "Download as CSV": "Ladda ned som CSV",
    "Search": "Sök",
    "Fullscreen": "Helskärm",
    "Close fullscreen": "Stäng helskärm",
    "Decrement": "Minska",
    "Increment": "Öka",
    "Clear value": "Rensa värdet",
}
# Names made of a phrase and the widget's own label ("Remove Kista", "År — start").
SWEDISH_BEFORE = {
    "Remove ": "Ta bort ",
    "Help for ": "Hjälp om ",
    "Choose date, ": "Välj datum, ",
    "year, ": "år, ",
    "month, ": "månad, ",
    "day, ": "dag, ",
}
SWEDISH_AFTER = {" — start": " — från", " — end": " — till"}

_SCRIPT = """
(() => {
  const texts = %s;
  const words = %s;
  const before = Object.entries(%s);
  const after = Object.entries(%s);
  const names = ["aria-label", "title", "placeholder"];
  const whole = (table, text) => {
    const trimmed = text.trim();
    return Object.hasOwn(table, trimmed) ? text.replace(trimmed, table[trimmed]) : text;
  };
  const reword = (text) => {
    if (whole(words, text) !== text) return whole(words, text);
    for (const [english, own] of before)
      if (text.startsWith(english)) return own + text.slice(english.length);
    for (const [english, own] of after)
      if (text.endsWith(english)) return text.slice(0, -english.length) + own;
    return text;
  };
  const element = (node) => {
    for (const name of names) {
      const value = node.getAttribute(name);
      if (value) {
        const own = reword(value);
        if (own !== value) node.setAttribute(name, own);
      }
    }
  };
  const text = (node) => {
    const own = whole(texts, node.data);
    if (own !== node.data) node.data = own;
  };
  const walk = (root) => {
    if (root.nodeType === Node.TEXT_NODE) return text(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    element(root);
    const nodes = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    while (nodes.nextNode()) {
      const node = nodes.currentNode;
      if (node.nodeType === Node.TEXT_NODE) text(node);
      else element(node);
    }
  };
  window.safetymapWidgetWords?.disconnect();
  window.safetymapWidgetWords = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "childList") change.addedNodes.forEach(walk);
      else if (change.type === "characterData") text(change.target);
      else element(change.target);
    }
  });
  window.safetymapWidgetWords.observe(document.body, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: names,
  });
  walk(document.body);
})();
"""


def widget_words(lang: Lang) -> str:
    """A script that rewords Streamlit's English in ``lang``, for ``st.html`` with JavaScript
    allowed. In English it words back what the Swedish page reworded: the page's script
    stays with it when the language changes, and reworded names stay until redrawn."""
    tables = (SWEDISH_TEXTS, SWEDISH_NAMES, SWEDISH_BEFORE, SWEDISH_AFTER)
    if lang == "en":
        tables = tuple({own: english for english, own in reversed(t.items())} for t in tables)
    return "<script>" + _SCRIPT % tuple(_json(table) for table in tables) + "</script>"


def _json(table: dict[str, str]) -> str:
    return json.dumps(table, ensure_ascii=False).replace("<", "\\u003c")
