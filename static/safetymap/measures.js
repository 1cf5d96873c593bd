/* Trygghetskartan: the measures on the map, drawn in the browser from compact data.

   safetymap/mapdata.py sends the filtered rows as column arrays (one array per field,
   repeated texts as indexes into small tables), packed (gzip, base64). This file unpacks
   them, clusters the rows that have a point with Supercluster and draws, for what is in
   view only, each measure's symbol (its type's icon on its group's colour, in its status's
   ring) or a cluster with its count.
   Rows without a point of their own are never drawn as points: each place carries a badge
   of its measures by type, status and actor (zoomed out: a place with its focus areas, every
   row; zoomed in: each place and focus area, a framed grid of the measures that apply to the
   whole area). The counts come with the rows (safetymap/present/badges.py, kept by type):
   this file only leaves out the types switched off in the layer list. Text from data reaches
   the page only through textContent and attributes, never as markup; the only markup set is
   the symbols' SVG, which the server builds from the vocabulary.

   safetymap.setup(config, map)         once per map: vocabulary, UI text, place shapes,
                                        background names, scale, failing tiles dropped, wheel,
                                        the in-view list and the view reported back
   new safetymap.Measures(packed)       the filtered rows; a Leaflet layer, drawn once unpacked
   measures.bindType(group, typeIndex)  a type's layer-control group: its condition overlays,
                                        and its symbols shown or hidden with the group
   measures.select(row, id)             the selected measure: framed and opened when it is
                                        not the one framed last

   A preview's rows (an upload not yet published) carry `change`: added, changed or removed
   against the version in force. Each such row is marked by its change's tag (a sign on a
   colour) wherever it is drawn: its symbol, a cluster holding it, its place's badge (counts),
   its cell in a frame, its list entry and popup; a legend counts them. Removed rows are drawn
   faded. Rows without a point are marked on their place's badge and frame, never on a spot. */
(function () {
  "use strict";

  var SM = (window.safetymap = window.safetymap || {});
  var LISTED = 200; // rows written into a list at most
  var LEAVES_LISTED = 50; // rows named in the popup of a cluster that cannot split
  var UNFOLD_ZOOM = 12; // from this zoom on, each place and focus area has its own frame
  var GRID_MAX = 24; // symbols in a frame at most (then "+n more", which opens the list)
  var GAP = 14; // pixels between a place's point and its badge

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = String(text);
    return element;
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) {
      return String(values[key]);
    });
  }

  /* A symbol as SVG markup: the status's ring, the type's disc and icon, the status's mark
     (no type: a grey disc; no status: a thin grey ring). Vocabulary only, never data. */
  SM.symbol = function (typeIndex, statusIndex, size) {
    var type = typeIndex === null ? null : SM.config.types[typeIndex];
    var status = statusIndex === null ? null : SM.config.statuses[statusIndex];
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="0 0 32 32" aria-hidden="true" focusable="false">' +
      (status
        ? status.ring
        : type
          ? ""
          : '<circle cx="16" cy="16" r="15.4" fill="#FFFFFF"/>' +
            '<circle cx="16" cy="16" r="13.6" fill="none" stroke="#6B6B6B" stroke-width="1"/>') +
      (type
        ? status
          ? type.glyph
          : '<g transform="translate(-5.6 -5.6) scale(1.35)">' + type.glyph + "</g>"
        : '<circle cx="16" cy="16" r="8" fill="#6B6B6B"/>') +
      (status ? status.mark : "") +
      "</svg>"
    );
  };

  function symbolNode(typeIndex, statusIndex, size, className) {
    var box = node("span", className || "sm-symbol");
    box.innerHTML = SM.symbol(typeIndex, statusIndex, size); // vocabulary only
    return box;
  }

  /* A preview row's change (SM.config.changes: id, sign, colour, ink, label), or null. */
  function changeOf(rows, i) {
    return rows.change ? SM.config.changes[rows.change[i]] || null : null;
  }

  /* A change's tag: its sign on its colour, ``text`` after the sign if given. Hidden from
     screen readers: the name of what it marks says the change in words. */
  function changeTag(change, text) {
    var tag = node("span", "sm-change sm-change-" + change.id, change.sign + (text || ""));
    tag.style.background = change.colour;
    tag.style.color = change.ink;
    tag.title = change.label;
    tag.setAttribute("aria-hidden", "true");
    return tag;
  }

  /* A row's symbol, with its change's tag on it in a preview (faded when removed). */
  function rowSymbol(rows, i, size) {
    var box = symbolNode(rows.type[i], rows.status[i], size);
    var change = changeOf(rows, i);
    if (change) {
      box.classList.add("sm-marked");
      if (change.id === "removed") box.classList.add("sm-removed");
      box.appendChild(changeTag(change));
    }
    return box;
  }

  /* " – tillagd" for a preview's changed row (the end of its name), else "". */
  function changeWords(rows, i) {
    var change = changeOf(rows, i);
    return change ? " – " + change.label : "";
  }

  /* --- the in-view list: everything the map shows, as text ------------------------- */

  var InView = L.Control.extend({
    options: { position: "topright" },

    onAdd: function () {
      var text = SM.config.text;
      var box = node("div", "safetymap-inview leaflet-bar");
      this._button = node("button", "safetymap-inview-toggle");
      this._button.type = "button";
      this._button.setAttribute("aria-expanded", "false");
      this._panel = node("div", "safetymap-inview-panel");
      this._panel.setAttribute("role", "region");
      this._panel.setAttribute("aria-label", text.inview_title);
      this._panel.hidden = true;
      box.appendChild(this._button);
      box.appendChild(this._panel);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(this._button, "click", this._toggle, this);
      this._source = null;
      this._label();
      return box;
    },

    follow: function (source) {
      this._source = source;
      this._label();
      if (!this._panel.hidden) this._fill();
    },

    _items: function () {
      return this._source && this._source._map ? this._source.inView() : [];
    },

    _label: function () {
      var n = this._items().length;
      this._button.textContent = say(SM.config.text.inview_button, { n: n });
    },

    _toggle: function () {
      var open = this._panel.hidden;
      this._panel.hidden = !open;
      this._button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) this._fill();
    },

    _fill: function () {
      var text = SM.config.text;
      var items = this._items();
      var panel = this._panel;
      panel.textContent = "";
      panel.appendChild(node("strong", null, text.inview_title));
      if (!items.length) {
        panel.appendChild(node("p", null, text.inview_empty));
        return;
      }
      var list = node("ol");
      var source = this._source;
      items.slice(0, LISTED).forEach(function (i) {
        var item = node("li");
        item.appendChild(node("span", "title", source.rows.title[i]));
        item.appendChild(node("span", "facts", source.facts(i)));
        list.appendChild(item);
      });
      panel.appendChild(list);
      if (items.length > LISTED) {
        panel.appendChild(node("p", null, say(text.inview_more, { n: items.length - LISTED })));
      }
    },
  });

  /* --- a preview's legend of changes: each kind's tag, label and count -------------- */

  var ChangeLegend = L.Control.extend({
    options: { position: "bottomright" },

    initialize: function (change) {
      var counts = (this._counts = SM.config.changes.map(function () {
        return 0;
      }));
      change.forEach(function (k) {
        if (k !== null) counts[k] += 1;
      });
    },

    onAdd: function () {
      var text = SM.config.text;
      var box = node("div", "safetymap-changes");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", text.changes_legend);
      box.appendChild(node("strong", null, text.changes_legend));
      var counts = this._counts;
      SM.config.changes.forEach(function (change, k) {
        var row = node("div", "row sm-legend-" + change.id);
        row.appendChild(changeTag(change));
        row.appendChild(node("span", null, change.label + " (" + counts[k] + ")"));
        box.appendChild(row);
        if (change.id === "removed" && counts[k]) {
          box.appendChild(node("p", "note", text.changes_removed_note));
        }
      });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });

  /* --- the play control: the map month by month ------------------------------------

     The rows come with each one's status per month of the filter's period (play.codes: a
     letter a month, "a" the vocabulary's first status, "-" not shown then; play.months,
     play.days: the month and the day its step shows, the last one today). A step restyles
     every symbol and badge from those codes here, with no round trip to the server; a pause
     (or a move of the slider) reports the step's day, which the app writes into the URL as
     as_of and draws the map with. Until the first step the map shows the server's rows. */

  var SPEEDS = [0.5, 1, 2];
  var STEP_MS = 1000; // a month a second at 1×

  var Play = L.Control.extend({
    options: { position: "bottomright" },

    onAdd: function (map) {
      var text = SM.config.text;
      var box = node("div", "safetymap-play leaflet-bar");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", text.play_control);
      this._button = node("button", "sm-play-button");
      this._button.type = "button";
      this._slider = node("input", "sm-play-slider");
      this._slider.type = "range";
      this._slider.min = "0";
      this._slider.step = "1";
      this._slider.setAttribute("aria-label", text.play_month);
      this._speed = node("select", "sm-play-speed");
      this._speed.setAttribute("aria-label", text.play_speed);
      this._speed.title = text.play_speed;
      var decimal = SM.config.lang.indexOf("sv") === 0 ? "," : ".";
      SPEEDS.forEach(function (speed) {
        var option = node("option", null, String(speed).replace(".", decimal) + "×");
        option.value = String(speed);
        if (speed === 1) option.selected = true;
        this._speed.appendChild(option);
      }, this);
      box.appendChild(this._button);
      box.appendChild(this._slider);
      box.appendChild(this._speed);
      this._date = node("div", "sm-play-date");
      this._date.setAttribute("aria-hidden", "true");
      this._date.hidden = true;
      map.getContainer().appendChild(this._date);
      this._format = new Intl.DateTimeFormat(SM.config.lang, { month: "long", year: "numeric", timeZone: "UTC" });
      this._playing = false;
      this._timer = null;
      this._reportTimer = null;
      this._k = 0;
      this._label();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      L.DomEvent.on(this._button, "click", this._toggle, this);
      L.DomEvent.on(this._slider, "input", function () {
        this._pause(false);
        this._go(Number(this._slider.value));
      }, this);
      L.DomEvent.on(this._slider, "change", function () {
        this._go(Number(this._slider.value));
        this._report(400);
      }, this);
      L.DomEvent.on(this._speed, "change", function () {
        if (this._playing) this._run();
      }, this);
      box.hidden = true;
      this._box = box;
      return box;
    },

    onRemove: function () {
      this._pause(false);
      L.DomUtil.remove(this._date);
    },

    /* New rows on the map: the control steps them. While playing, the play goes on at the
       same month; else it stands at the rows' own day (as_of, or today). */
    follow: function (layer) {
      var play = layer.play;
      this._layer = layer;
      if (!play || !play.months.length) {
        this._pause(false);
        this._box.hidden = true;
        this._date.hidden = true;
        return;
      }
      this._box.hidden = false;
      this._slider.max = String(play.months.length - 1);
      if (this._playing) {
        this._go(Math.min(this._k, play.months.length - 1));
      } else {
        this._k = play.at;
        this._show(play.at, play.as_of !== null);
        if (layer._cards && layer._map) layer._placeCards(); // clear of the control now shown
      }
    },

    /* Where the control and the month stand on the map ([x0, y0, x1, y1] in the map's
       pixels), those shown. */
    boxes: function () {
      if (!this._map) return [];
      var map = this._map.getContainer().getBoundingClientRect();
      return [this._box, this._date].filter(function (element) {
        return element && !element.hidden;
      }).map(function (element) {
        var own = element.getBoundingClientRect();
        return [own.left - map.left, own.top - map.top, own.right - map.left, own.bottom - map.top];
      });
    },

    _monthLabel: function (k) {
      var month = this._layer.play.months[k].split("-");
      return this._format.format(new Date(Date.UTC(Number(month[0]), Number(month[1]) - 1, 1)));
    },

    _show: function (k, dated) {
      var label = this._monthLabel(k);
      this._slider.value = String(k);
      this._slider.setAttribute("aria-valuetext", label);
      this._date.textContent = label;
      this._date.hidden = !dated;
      this._box.setAttribute("data-step", this._layer.play.months[k]);
    },

    _go: function (k) {
      this._k = k;
      this._show(k, true); // first: the badges are placed clear of the month
      this._layer.showStep(k);
    },

    _label: function () {
      var text = SM.config.text;
      var words = this._playing ? text.play_pause : text.play_play;
      this._button.textContent = this._playing ? "❚❚" : "▶";
      this._button.setAttribute("aria-label", words);
      this._button.title = words;
      this._button.setAttribute("aria-pressed", this._playing ? "true" : "false");
    },

    _toggle: function () {
      if (this._playing) {
        this._pause(true);
        return;
      }
      var last = this._layer.play.months.length - 1;
      if (this._k >= last) this._k = -1; // at today: play again from the first month
      this._playing = true;
      this._label();
      this._tick();
      this._run();
    },

    _run: function () {
      clearInterval(this._timer);
      var self = this;
      this._timer = setInterval(function () {
        self._tick();
      }, STEP_MS / Number(this._speed.value));
    },

    _tick: function () {
      var last = this._layer.play.months.length - 1;
      if (this._k >= last) {
        this._pause(true);
        return;
      }
      this._go(this._k + 1);
      if (this._k >= last) this._pause(true); // it stops at today
    },

    _pause: function (report) {
      clearInterval(this._timer);
      this._timer = null;
      var was = this._playing;
      this._playing = false;
      this._label();
      if (report && was) this._report(0);
    },

    /* The step's day to the app, which writes it into the URL as as_of. */
    _report: function (delay) {
      clearTimeout(this._reportTimer);
      var day = this._layer.play.days[this._k];
      this._reportTimer = setTimeout(function () {
        send({ as_of: { day: day, at: Date.now() } });
      }, delay);
    },
  });

  /* --- the user's view and picks, reported to the app --------------------------------

     streamlit-folium (0.27, pinned) reports its returned objects once as soon as the map is
     drawn, which would rerun the app after every first draw. The app asks it only for clicks
     and reports the view from here instead: after the user's own panning or zooming, never
     for the first drawing or the app's moves, through the same component value. A measure
     chosen on the map (a symbol, a badge's list, a frame's cell) is reported as `pick`: its
     row among the shown rows, its title (the server checks both) and a time that tells a
     new pick from the value a rerun returns again. */

  function send(extra) {
    if (!window.Streamlit || !window.__GLOBAL_DATA__) return;
    var state = window.__GLOBAL_DATA__;
    var value = { last_object_clicked: state.last_object_clicked };
    Object.keys(extra).forEach(function (key) {
      value[key] = extra[key];
    });
    state.previous_data = value;
    window.Streamlit.setComponentValue(value);
  }

  SM.pick = function (row, title) {
    SM.pending = { row: row, title: title };
    send({ pick: { row: row, title: title, at: Date.now() } });
  };

  function reportView(map) {
    var touched = false;
    var timer = null;
    ["mousedown", "wheel", "touchstart", "keydown", "dblclick"].forEach(function (name) {
      map.getContainer().addEventListener(name, function () {
        touched = true;
      }, { capture: true, passive: true });
    });
    map.on("moveend", function () {
      if (!touched) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var centre = map.getCenter();
        send({ view: { lat: centre.lat, lng: centre.lng, zoom: Math.round(map.getZoom()) } });
      }, 300);
    });
  }

  /* Leaflet focuses the map on every mousedown and then restores the scroll of its own
     window only. In the app's iframe that focus scrolls the page around the map whenever the
     map's top is out of view, so the pointer is released somewhere else and the click on a
     symbol is lost. Focusing without scrolling keeps the page still. This code runs in the
     map's own script, after the map is made: its keyboard handler is switched off (which
     removes Leaflet's listener) and on again with this one. */
  function keepPageStill(map) {
    var keyboard = map.keyboard;
    if (!keyboard || !keyboard.enabled()) return;
    keyboard.disable();
    keyboard._onMouseDown = function () {
      if (!this._focused) this._map._container.focus({ preventScroll: true });
    };
    keyboard.enable();
  }

  /* The wheel scrolls the page over the map until the user clicks into it (or focuses it
     from the keyboard); then it zooms, until the pointer leaves. With Ctrl or ⌘ held the
     wheel zooms at once. A plain wheel over a map that does not zoom shows a short hint. */
  function wheelOnClick(map) {
    var container = map.getContainer();
    var hint = node("div", "sm-wheel-hint", SM.config.text.wheel_hint);
    hint.setAttribute("aria-hidden", "true");
    container.appendChild(hint);
    var hideTimer = null;
    map.scrollWheelZoom.disable();
    container.addEventListener("mousedown", function () {
      map.scrollWheelZoom.enable();
      hint.classList.remove("shown");
    }, { capture: true });
    container.addEventListener("focus", function () {
      map.scrollWheelZoom.enable();
    });
    container.addEventListener("mouseleave", function () {
      map.scrollWheelZoom.disable();
    });
    container.addEventListener("wheel", function (event) {
      if (map.scrollWheelZoom.enabled()) return;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        var step = event.deltaY < 0 ? 1 : -1;
        map.setZoomAround(map.mouseEventToContainerPoint(event), map.getZoom() + step);
        return;
      }
      hint.classList.add("shown");
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () {
        hint.classList.remove("shown");
      }, 1500);
    }, { passive: false, capture: true }); // before a badge keeps the wheel to itself
  }

  /* Tiles that cannot load (no network: every request fails, none arrives) are hidden, their
     credit taken off, and the layer list no longer offers them: the local background is the
     map's background then. (Not removed from the map: that would redraw the layers on it and
     close what the user has open.) */
  function dropFailingTiles(map) {
    map.eachLayer(function (layer) {
      if (!(layer instanceof L.TileLayer)) return;
      var loaded = 0;
      var failed = 0;
      var dropped = false;
      layer.on("tileload", function () {
        loaded += 1;
      });
      layer.on("tileerror", function () {
        failed += 1;
        if (dropped || loaded > 0 || failed < 4) return;
        dropped = true;
        if (map.attributionControl) map.attributionControl.removeAttribution(layer.getAttribution());
        L.DomUtil.addClass(map.getContainer(), "sm-no-tiles");
      });
    });
  }

  /* --- names of the background's areas ------------------------------------------------

     Kommun names when zoomed out, RegSO names when zoomed in; small and grey, drawn where
     they do not cover each other, and never catching the pointer. */

  var Labels = L.Layer.extend({
    onAdd: function (map) {
      this._box = L.DomUtil.create("div", "sm-labels leaflet-zoom-hide", map.getPane("safetymapLabels"));
      map.on("moveend", this._draw, this);
      this._draw();
    },

    onRemove: function (map) {
      map.off("moveend", this._draw, this);
      L.DomUtil.remove(this._box);
    },

    /* Names are left out where a badge or frame stands (``avoid``: their rectangles). */
    avoid: function (rects) {
      this._avoid = rects;
      if (this._map) this._draw();
    },

    _draw: function () {
      var map = this._map;
      var zoom = map.getZoom();
      var wanted = zoom <= 11 ? { kommun: true } : { regso: true, wider_place: true };
      var size = map.getSize();
      var taken = [];
      var cards = this._avoid || [];
      var box = this._box;
      box.textContent = "";
      SM.config.labels.forEach(function (label) {
        if (!wanted[label[1]]) return;
        var point = map.latLngToContainerPoint([label[2], label[3]]);
        var width = label[0].length * (label[1] === "kommun" ? 7.2 : 6.2) + 6;
        // A kommun's name at its point, else above or below it (a kommun is large); an
        // area's name at its point only, or not at all.
        var at = null;
        (label[1] === "kommun" ? [0, -22, 22, -44, 44, -66, 66] : [0]).some(function (dy) {
          var rect = [point.x - width / 2, point.y + dy - 8, point.x + width / 2, point.y + dy + 8];
          if (rect[2] < 0 || rect[0] > size.x || rect[3] < 0 || rect[1] > size.y) return false;
          var free = taken.concat(cards).every(function (other) {
            return overlap(rect, other) === 0;
          });
          if (free) {
            taken.push(rect);
            at = L.point(point.x, point.y + dy);
          }
          return free;
        });
        if (!at) return;
        var spot = node("div", "sm-label-spot");
        spot.appendChild(node("span", "sm-label sm-label-" + label[1], label[0]));
        L.DomUtil.setPosition(spot, map.containerPointToLayerPoint(at));
        box.appendChild(spot);
      });
    },
  });

  /* Area of the overlap of two rectangles [x0, y0, x1, y1]. */
  /* Leaflet fades a popup out over 200 ms; when new rows replace the old (a pick reruns the
     app) the popup they reopen would stand beside the fading one, and flicker. Across that
     swap both happen at once, without the fade. */
  function withoutFade(map, action) {
    var fade = map._fadeAnimated;
    map._fadeAnimated = false;
    try {
      action();
    } finally {
      map._fadeAnimated = fade;
    }
  }

  function overlap(a, b) {
    var w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    var h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
  }

  SM.setup = function (config, map) {
    keepPageStill(map);
    SM.config = config;
    ["safetymapLabels", "safetymapBadges"].forEach(function (name, k) {
      var pane = map.createPane(name);
      pane.style.zIndex = k ? 590 : 350; // badges under the symbols, over the areas
      if (!k) pane.style.pointerEvents = "none";
    });
    L.control.scale({ imperial: false, metric: true }).addTo(map);
    dropFailingTiles(map);
    wheelOnClick(map);
    SM.labels = new Labels().addTo(map);
    SM.inView = new InView().addTo(map);
    SM.player = new Play().addTo(map);
    reportView(map);
  };

  /* --- the measures layer ---------------------------------------------------------- */

  /* The rows as the server packs them (mapping.packed_json: JSON, gzip, base64), unpacked
     by the browser's own DecompressionStream: a promise of the data. */
  SM.unpack = function (packed) {
    var text = atob(packed);
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).json();
  };

  /* The rows are drawn once unpacked, always after the script that adds them: streamlit-folium,
     right after that script, hooks its own click report onto every layer then on the map, and
     that report (with no pick in it) would follow a pick and could overtake it. Rows that
     replace others (a filter change) take the old ones' place when they are drawn, so the map
     never shows neither. */
  SM.Measures = L.Layer.extend({
    initialize: function (packed) {
      var self = this;
      this._hidden = {};
      this._markers = L.layerGroup();
      this._tally = null;
      this._members = {};
      this._cards = null;
      this._ready = SM.unpack(packed).then(function (data) {
        self.rows = data.rows;
        self.tables = data.tables;
        self.badges = data.badges;
        self._count = data.rows.title.length;
        self.play = data.play || null;
        // Rows shown at the current step: until one is taken, the server's (the first
        // play.shown rows, in the status they have now or as of the filter's day).
        self._playGone = new Uint8Array(self._count);
        self._playStep = null;
        if (self.play) {
          for (var i = self.play.shown; i < self._count; i++) self._playGone[i] = 1;
        }
        if (self._map) self._start(self._map);
      });
    },

    onAdd: function (map) {
      if (this.rows) this._start(map);
    },

    _start: function (map) {
      if (SM.drawn && SM.drawn !== this) SM.drawn._clear();
      SM.drawn = this;
      this._index = this._cluster();
      map.addLayer(this._markers);
      this._board = L.DomUtil.create("div", "sm-board leaflet-zoom-hide", map.getPane("safetymapBadges"));
      if (this.rows.change) this._legend = new ChangeLegend(this.rows.change).addTo(map);
      map.on("moveend", this._draw, this);
      this._draw();
      var reopen = SM.reopen;
      SM.reopen = null;
      if (reopen) this._list(reopen.key, reopen.whole, null, false);
      if (this._selection) this._applySelection();
      if (SM.player) SM.player.follow(this);
    },

    /* The map at step ``k`` of the play: every row in the status its code gives it then,
       those not shown then left out; symbols, clusters and badges drawn again. */
    showStep: function (k) {
      var play = this.play;
      var rows = this.rows;
      var gone = this._playGone;
      var moved = false;
      var areas = false; // a condition's dated area changed
      for (var i = 0; i < this._count; i++) {
        var code = play.codes[i].charCodeAt(k);
        var away = code === 45 ? 1 : 0; // "-"
        var area = rows.lat[i] === null && SM.config.types[rows.type[i]].kind === "condition";
        if (away !== gone[i]) {
          gone[i] = away;
          if (rows.lat[i] !== null) moved = true;
          if (area) areas = true;
        }
        if (!away && rows.status[i] !== code - 97) {
          rows.status[i] = code - 97; // "a": the vocabulary's first status
          if (area) areas = true;
        }
      }
      if (areas && this._playAreas) {
        var conditions = this._conditionRows();
        Object.keys(this._playAreas).forEach(function (t) {
          this._drawAreas(Number(t), conditions);
        }, this);
      }
      this._playStep = k;
      this._tally = null;
      this._members = {};
      this._cards = null;
      if (!this._map) return;
      if (moved || !this._index) this._index = this._cluster();
      this._draw();
    },

    onRemove: function (map) {
      if (!this._board) return; // not drawn yet
      map.off("moveend", this._draw, this);
      this._drawnOn = map; // its drawing stays until the next rows are drawn (_clear)
      // A list that stays open would name rows of data that is no longer shown: it is
      // closed, and the next rows open it again with theirs.
      if (this._popup && map.hasLayer(this._popup)) {
        if (this._popup._list) SM.reopen = this._popup._list;
        var popup = this._popup;
        withoutFade(map, function () {
          map.closePopup(popup);
        });
        SM.swapping = true;
        setTimeout(function () {
          SM.swapping = false;
        }, 0);
      }
    },

    _clear: function () {
      if (this._map) return; // still shown
      if (this._drawnOn) this._drawnOn.removeLayer(this._markers);
      if (this._legend && this._drawnOn) this._drawnOn.removeControl(this._legend);
      if (this._sizes) this._sizes.disconnect();
      if (this._board) L.DomUtil.remove(this._board);
    },

    /* A type's group in the layer control: its condition overlays (dated areas), and its
       symbols and badge counts shown or hidden when the group is switched on or off. */
    bindType: function (group, typeIndex) {
      var self = this;
      if (SM.config.types[typeIndex].kind === "condition") {
        this._playAreas = this._playAreas || {};
        this._playAreas[typeIndex] = { group: group, shapes: [] };
        this._ready.then(function () {
          self._drawAreas(typeIndex, self._conditionRows());
        });
      }
      group.on("add", function () {
        self._show(typeIndex, true);
      });
      group.on("remove", function () {
        self._show(typeIndex, false);
      });
    },

    /* A condition type's dated areas, drawn again (a step of the play changes them). */
    _drawAreas: function (typeIndex, areas) {
      var self = this;
      var entry = this._playAreas[typeIndex];
      entry.shapes.forEach(function (shape) {
        entry.group.removeLayer(shape);
      });
      var byPlace = areas[typeIndex] || {};
      entry.shapes = Object.keys(byPlace).map(function (place) {
        return self._areaShape(typeIndex, Number(place), byPlace[place]).addTo(entry.group);
      });
    },

    /* The selected measure: framed (its point, or its place) and opened, unless it is the
       one framed last (a new filter, a view report) or the one just picked on this map. */
    select: function (i, id) {
      this._selection = [i, id];
      if (this._map && this.rows) this._applySelection();
    },

    _applySelection: function () {
      var i = this._selection[0];
      var id = this._selection[1];
      this._selection = null;
      if (!(i >= 0 && i < this._count)) return;
      this._selected = i;
      var pending = SM.pending;
      SM.pending = null;
      this._board.querySelectorAll(".sm-cell").forEach(function (cell) {
        cell.classList.toggle("selected", Number(cell.getAttribute("data-row")) === i);
      });
      if (SM.framed === id) return;
      SM.framed = id;
      var open = this._popup && this._map.hasLayer(this._popup) ? this._popup : null;
      if (pending && pending.row === i && pending.title === this.rows.title[i]) {
        // Picked on this map: the view stays, and so does the list it was picked from.
        if (open && open._list) this._list(open._list.key, open._list.whole, i, false);
        else if (!open) this._openMeasure(i);
        return;
      }
      this._frame(i);
      this._openMeasure(i);
    },

    /* Row indexes of everything in view: points inside the bounds, and rows without a point
       whose place reaches into the view. */
    inView: function () {
      var bounds = this._map.getBounds();
      var south = bounds.getSouth();
      var west = bounds.getWest();
      var north = bounds.getNorth();
      var east = bounds.getEast();
      var rows = this.rows;
      // Whether each place reaches into the view: once per place, not once per row.
      var reaches = this.tables.places.map(function (name) {
        return bounds.intersects(SM.config.places[name].bounds);
      });
      var out = [];
      for (var i = 0; i < this._count; i++) {
        if (this._hidden[rows.type[i]] || this._playGone[i]) continue;
        var lat = rows.lat[i];
        if (lat === null ? reaches[rows.place[i]] : lat >= south && lat <= north && rows.lon[i] >= west && rows.lon[i] <= east) {
          out.push(i);
        }
      }
      return out;
    },

    /* "Type · status · place · dates" of a row, as plain text (a preview's change first). */
    facts: function (i) {
      var rows = this.rows;
      var change = changeOf(rows, i);
      return (change ? [change.sign + " " + change.label] : []).concat([
        SM.config.types[rows.type[i]].label,
        SM.config.statuses[rows.status[i]].label,
        this._place(i).name,
        this.tables.dates[rows.dates[i]],
      ]).join(" · ");
    },

    _place: function (i) {
      return SM.config.places[this.tables.places[this.rows.place[i]]];
    },

    _show: function (typeIndex, visible) {
      if (!this._hidden[typeIndex] === visible) return;
      this._hidden[typeIndex] = !visible;
      this._tally = null;
      this._members = {};
      if (!this._map || !this.rows) return;
      this._index = this._cluster();
      this._draw();
    },

    _cluster: function () {
      var rows = this.rows;
      var points = [];
      for (var i = 0; i < this._count; i++) {
        if (rows.lat[i] === null || this._hidden[rows.type[i]] || this._playGone[i]) continue;
        points.push({
          type: "Feature",
          properties: { i: i },
          geometry: { type: "Point", coordinates: [rows.lon[i], rows.lat[i]] },
        });
      }
      // Two or more points closer than ~radius pixels form a cluster, up to and including the
      // map's last zoom level, so rows at one spot stay a cluster whose popup lists them all.
      var last = Math.min(this._map.getMaxZoom(), 22);
      var options = { radius: 44, maxZoom: last, minPoints: 2 };
      if (rows.change) {
        // A cluster counts its rows of each change (a preview's), to tag itself with them.
        options.map = function (props) {
          var counts = SM.config.changes.map(function () {
            return 0;
          });
          if (rows.change[props.i] !== null) counts[rows.change[props.i]] = 1;
          return { changes: counts };
        };
        options.reduce = function (sum, props) {
          sum.changes = sum.changes.map(function (n, k) {
            return n + props.changes[k];
          });
        };
      }
      return new Supercluster(options).load(points);
    },

    _draw: function () {
      var map = this._map;
      var bounds = map.getBounds();
      var box = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
      var self = this;
      this._markers.clearLayers();
      this._index.getClusters(box, Math.round(map.getZoom())).forEach(function (feature) {
        var latlng = L.latLng(feature.geometry.coordinates[1], feature.geometry.coordinates[0]);
        var marker = feature.properties.cluster
          ? self._clusterMarker(feature, latlng)
          : self._pointMarker(feature.properties.i, latlng);
        self._markers.addLayer(marker);
      });
      this._drawCards();
      if (SM.inView) SM.inView.follow(this);
    },

    _pointMarker: function (i, latlng) {
      var self = this;
      var rows = this.rows;
      var marker = L.marker(latlng, {
        icon: L.divIcon({
          // Vocabulary only: the type's id and the symbol's SVG.
          html: '<span class="sm-sym" data-type="' + SM.config.types[rows.type[i]].id + '">' +
            SM.symbol(rows.type[i], rows.status[i], 30) + "</span>",
          className: "measure-symbol",
          iconSize: [30, 30],
          iconAnchor: [15, 15],
        }),
        keyboard: true,
        riseOnHover: true,
      });
      marker.on("add", function () {
        // Its name for screen readers, as an attribute (text, never markup).
        var label = SM.config.types[rows.type[i]].label + ": " + rows.title[i] + " (" +
          SM.config.statuses[rows.status[i]].label + ")" + changeWords(rows, i);
        var element = marker.getElement();
        element.setAttribute("aria-label", label);
        var change = changeOf(rows, i);
        if (change) {
          element.classList.add("sm-marked");
          if (change.id === "removed") element.classList.add("sm-removed");
          element.appendChild(changeTag(change));
        }
      });
      marker.bindTooltip(function () {
        return node("span", null, rows.title[i] + " (" + SM.config.statuses[rows.status[i]].label + ")" +
          changeWords(rows, i));
      });
      marker.on("click", function () {
        marker.closeTooltip();
        self._choose(i);
      });
      return marker;
    },

    /* A measure chosen on the map: its popup, and the app told. */
    _choose: function (i) {
      this._openMeasure(i);
      SM.pick(i, this.rows.title[i]);
    },

    /* Where a row is: its point, else a point well inside its place. */
    _latlng: function (i) {
      var rows = this.rows;
      return rows.lat[i] !== null ? L.latLng(rows.lat[i], rows.lon[i]) : L.latLng(this._place(i).anchor);
    },

    _frame: function (i) {
      var map = this._map;
      if (this.rows.lat[i] !== null) {
        map.setView(this._latlng(i), Math.max(map.getZoom(), 16), { animate: false });
      } else {
        map.fitBounds(this._place(i).bounds, { maxZoom: 16, padding: [40, 40], animate: false });
      }
    },

    _openPopup: function (latlng, content, list) {
      var popup = L.popup({ maxWidth: 360, minWidth: 240, autoPanPadding: [20, 20] })
        .setLatLng(latlng)
        .setContent(content);
      popup._list = list || null;
      this._popup = popup;
      var map = this._map;
      if (SM.swapping) {
        withoutFade(map, function () {
          popup.openOn(map);
        });
      } else {
        popup.openOn(map);
      }
      return popup;
    },

    _openMeasure: function (i) {
      this._openPopup(this._latlng(i), this._measurePopup(i));
    },

    _measurePopup: function (i) {
      var rows = this.rows;
      var text = SM.config.text;
      var box = node("div", "measure-popup");
      var head = node("div", "sm-popup-head");
      head.appendChild(rowSymbol(rows, i, 30));
      head.appendChild(node("strong", null, rows.title[i]));
      box.appendChild(head);
      var change = changeOf(rows, i);
      if (change) box.appendChild(node("p", "sm-change-line", change.sign + " " + change.label));
      if (rows.lat[i] === null) {
        box.appendChild(node("p", "sm-whole", text.whole_area + ": " + this._place(i).name));
      }
      var table = node("table");
      [
        [text.type, SM.config.types[rows.type[i]].label],
        [text.status, SM.config.statuses[rows.status[i]].label],
        [text.actors, this.tables.actors[rows.actors[i]]],
        [text.dates, this.tables.dates[rows.dates[i]]],
        [text.source, this.tables.sources[rows.source[i]]],
      ].forEach(function (pair) {
        var line = node("tr");
        line.appendChild(node("th", null, pair[0]));
        line.appendChild(node("td", null, pair[1]));
        table.appendChild(line);
      });
      box.appendChild(table);
      return box;
    },

    _clusterMarker: function (feature, latlng) {
      var self = this;
      var count = feature.properties.point_count;
      var size = count < 10 ? 32 : count < 100 ? 38 : count < 1000 ? 44 : 50;
      var label = node("span", null, feature.properties.point_count_abbreviated);
      var title = say(SM.config.text.cluster, { n: count });
      var changes = feature.properties.changes;
      if (changes && changes.some(Boolean)) {
        var tags = node("span", "sm-cluster-changes");
        var words = [];
        changes.forEach(function (n, k) {
          if (!n) return;
          var change = SM.config.changes[k];
          tags.appendChild(changeTag(change, String(n)));
          words.push(change.label + ": " + n);
        });
        label = node("span");
        label.appendChild(node("span", null, feature.properties.point_count_abbreviated));
        label.appendChild(tags);
        title += " – " + words.join(", ");
      }
      var marker = L.marker(latlng, {
        icon: L.divIcon({
          html: label,
          className: "measure-cluster",
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
        }),
        keyboard: true,
        title: title,
      });
      marker.bindTooltip(title);
      marker.on("click", function () {
        var id = feature.properties.cluster_id;
        var zoom = self._index.getClusterExpansionZoom(id);
        if (zoom <= self._map.getMaxZoom()) {
          self._map.setView(latlng, zoom);
        } else {
          // Closed, not unbound: Leaflet keeps the marker's focus listener, which would
          // reach for an unbound tooltip on every later click ("Cannot set properties of null").
          marker.closeTooltip();
          self._openPopup(latlng, self._leaves(id, count));
        }
      });
      return marker;
    },

    /* The rows of a cluster that stays one at the last zoom level (same spot). */
    _leaves: function (id, count) {
      var box = node("div", "measure-popup");
      box.appendChild(node("strong", null, say(SM.config.text.cluster_same_spot, { n: count })));
      var rows = this._index.getLeaves(id, LEAVES_LISTED).map(function (leaf) {
        return leaf.properties.i;
      });
      box.appendChild(this._listNode(rows));
      if (count > LEAVES_LISTED) {
        box.appendChild(node("p", null, say(SM.config.text.inview_more, { n: count - LEAVES_LISTED })));
      }
      return box;
    },

    /* --- badges and frames ---------------------------------------------------------- */

    /* The badges' and frames' counts (badges.py) with the types switched off left out: per
       place (with its focus areas) its total and its counts by type, status and actor; per
       place or focus area, how many of its rows have no point of their own. */
    _counts: function () {
      if (this._tally) return this._tally;
      if (this._playStep !== null) return this._stepCounts();
      var hidden = this._hidden;
      var names = this.badges.actors;
      var places = {};
      var areas = {};
      this.badges.places.forEach(function (place) {
        var entry = { total: 0, types: {}, statuses: {}, actors: {}, changes: {} };
        place[1].forEach(function (tally) {
          if (hidden[tally[0]]) return;
          entry.total += tally[1];
          entry.types[tally[0]] = tally[1];
          tally[2].forEach(function (pair) {
            entry.statuses[pair[0]] = (entry.statuses[pair[0]] || 0) + pair[1];
          });
          tally[3].forEach(function (pair) {
            entry.actors[names[pair[0]]] = (entry.actors[names[pair[0]]] || 0) + pair[1];
          });
        });
        if (entry.total) places[place[0]] = entry;
      });
      this.badges.areas.forEach(function (area) {
        var n = 0;
        area[1].forEach(function (pair) {
          if (!hidden[pair[0]]) n += pair[1];
        });
        if (n) areas[area[0]] = n;
      });
      if (this.rows.change) {
        // A preview's changes at each place, by kind (a preview holds only a file's rows).
        var self = this;
        Object.keys(places).forEach(function (key) {
          var changes = (places[key].changes = {});
          self._rowsOf(key, false).forEach(function (i) {
            var k = self.rows.change[i];
            if (k !== null) changes[k] = (changes[k] || 0) + 1;
          });
        });
      }
      this._cards = null;
      return (this._tally = { places: places, areas: areas });
    },

    /* The badges' and frames' counts at a step of the play, from the rows' statuses then:
       what badges.py counts of the rows as of that day (``badge_data``), with the types
       switched off left out. */
    _stepCounts: function () {
      var rows = this.rows;
      var lists = this.play.actor_lists;
      var tops = this.tables.places.map(function (name) {
        while (SM.config.places[name] && SM.config.places[name].parent) name = SM.config.places[name].parent;
        return name;
      });
      var places = {};
      var areas = {};
      for (var i = 0; i < this._count; i++) {
        if (this._playGone[i] || this._hidden[rows.type[i]]) continue;
        var key = tops[rows.place[i]];
        var entry = places[key];
        if (!entry) entry = places[key] = { total: 0, types: {}, statuses: {}, actors: {}, changes: {} };
        entry.total += 1;
        entry.types[rows.type[i]] = (entry.types[rows.type[i]] || 0) + 1;
        entry.statuses[rows.status[i]] = (entry.statuses[rows.status[i]] || 0) + 1;
        lists[rows.actors[i]].forEach(function (name) {
          entry.actors[name] = (entry.actors[name] || 0) + 1;
        });
        if (rows.lat[i] === null) {
          var area = this.tables.places[rows.place[i]];
          areas[area] = (areas[area] || 0) + 1;
        }
      }
      this._cards = null;
      return (this._tally = { places: places, areas: areas });
    },

    /* The shown rows behind a badge (``whole`` false: a place and its focus areas) or a frame
       (``whole``: a place or focus area's rows without a point), in the rows' order, for
       each place at once; found when first asked for. */
    _rowsOf: function (key, whole) {
      var found = this._members[whole];
      if (!found) {
        found = this._members[whole] = {};
        var rows = this.rows;
        var keys = this.tables.places.map(function (name) {
          if (whole) return name;
          while (SM.config.places[name] && SM.config.places[name].parent) name = SM.config.places[name].parent;
          return name;
        });
        for (var i = 0; i < this._count; i++) {
          if (this._hidden[rows.type[i]] || this._playGone[i] || (whole && rows.lat[i] !== null)) continue;
          var at = keys[rows.place[i]];
          (found[at] = found[at] || []).push(i);
        }
        if (rows.change) {
          // A preview's changed rows first in every list and frame (the sort keeps the order).
          Object.keys(found).forEach(function (at) {
            found[at].sort(function (a, b) {
              return (rows.change[a] === null) - (rows.change[b] === null);
            });
          });
        }
      }
      return found[key] || [];
    },

    _drawCards: function () {
      var whole = this._map.getZoom() >= UNFOLD_ZOOM;
      var counts = this._counts();
      if (!this._cards || this._cards.whole !== whole) {
        this._board.textContent = "";
        this._cards = { whole: whole, list: [] };
        var groups = whole ? counts.areas : counts.places;
        var self = this;
        // A card's size is known once the styles have come and the fonts are laid out:
        // the cards are placed again whenever one changes size.
        if (this._sizes) this._sizes.disconnect();
        this._sizes = window.ResizeObserver
          ? new ResizeObserver(function () {
              if (self._map) self._placeCards();
            })
          : null;
        Object.keys(SM.config.places).forEach(function (key) {
          if (!groups[key]) return;
          var card = whole ? self._frameCard(key, groups[key]) : self._badge(key, groups[key]);
          var spot = node("div", "sm-spot");
          spot.appendChild(node("div", "sm-leader"));
          spot.appendChild(node("div", "sm-dot"));
          spot.appendChild(card);
          self._board.appendChild(spot);
          self._cards.list.push({ key: key, spot: spot, card: card });
          if (self._sizes) self._sizes.observe(card);
        });
      }
      this._placeCards();
    },

    /* Each card beside its place's point, on the side where it covers least of the cards
       placed before it, the places' points and the symbols, and stays inside the map; a
       line joins it to the point. */
    _placeCards: function () {
      var map = this._map;
      var size = map.getSize();
      var taken = [];
      var bounds = map.getBounds().pad(0.2);
      var around = function (latlng, r) {
        var at = map.latLngToContainerPoint(latlng);
        return [at.x - r, at.y - r, at.x + r, at.y + r];
      };
      var obstacles = this._cards.list.map(function (entry) {
        return around(SM.config.places[entry.key].anchor, 10);
      });
      this._markers.eachLayer(function (marker) {
        obstacles.push(around(marker.getLatLng(), 17));
      });
      // The play control and its month, large at the map's top, are not covered either.
      if (SM.player && SM.player.boxes) {
        SM.player.boxes().forEach(function (box) {
          taken.push(box);
        });
      }
      // Every card's size first, then every position: a size read after a position is
      // written would lay the page out again for each card.
      var shown = this._cards.list.filter(function (entry) {
        entry.spot.hidden = !bounds.contains(SM.config.places[entry.key].anchor);
        return !entry.spot.hidden;
      });
      var sizes = shown.map(function (entry) {
        return [entry.card.offsetWidth, entry.card.offsetHeight];
      });
      shown.forEach(function (entry, k) {
        var at = map.latLngToContainerPoint(SM.config.places[entry.key].anchor);
        var w = sizes[k][0];
        var h = sizes[k][1];
        var best = null;
        [1, 2.5, 4.5].forEach(function (reach) {
          var g = GAP * reach;
          [
            [g, -h / 2], [-g - w, -h / 2], [-w / 2, g], [-w / 2, -g - h],
            [g, g], [-g - w, g], [g, -g - h], [-g - w, -g - h],
          ].forEach(function (offset) {
            var rect = [at.x + offset[0], at.y + offset[1], at.x + offset[0] + w, at.y + offset[1] + h];
            var score = reach;
            taken.forEach(function (other) {
              score += overlap(rect, other) * 4;
            });
            obstacles.forEach(function (other) {
              score += overlap(rect, other) * 3;
            });
            var inside = overlap(rect, [0, 0, size.x, size.y]);
            score += (w * h - inside) * 2;
            if (!best || score < best.score) best = { score: score, rect: rect, offset: offset };
          });
        });
        taken.push(best.rect);
        L.DomUtil.setPosition(entry.spot, map.containerPointToLayerPoint(at));
        entry.card.style.left = best.offset[0] + "px";
        entry.card.style.top = best.offset[1] + "px";
        // The leader: from the point to the nearest point of the card's edge.
        var x = Math.max(best.offset[0], Math.min(0, best.offset[0] + w));
        var y = Math.max(best.offset[1], Math.min(0, best.offset[1] + h));
        var leader = entry.spot.firstChild;
        leader.style.width = Math.sqrt(x * x + y * y) + "px";
        leader.style.transform = "rotate(" + Math.atan2(y, x) + "rad)";
      });
      if (SM.labels) SM.labels.avoid(taken);
    },

    _activate: function (element, label, handler) {
      element.setAttribute("role", "button");
      element.setAttribute("tabindex", "0");
      element.setAttribute("aria-label", label);
      element.title = label;
      L.DomEvent.disableClickPropagation(element);
      L.DomEvent.disableScrollPropagation(element);
      L.DomEvent.on(element, "click", handler, this);
      L.DomEvent.on(element, "keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          L.DomEvent.preventDefault(event);
          handler.call(this, event);
        }
      }, this);
    },

    /* Zoomed out: a place with its focus areas. Its name and number of measures, then
       each type present (its icon, and how many when more than one), then each status
       present (its ring, and how many). */
    _badge: function (key, entry) {
      var text = SM.config.text;
      var place = SM.config.places[key];
      var card = node("div", "sm-card sm-badge");
      card.setAttribute("data-place", key);
      var head = node("div", "sm-card-head");
      head.appendChild(node("span", "sm-name", place.name));
      head.appendChild(node("span", "sm-total", entry.total));
      card.appendChild(head);
      var types = node("div", "sm-types");
      SM.config.types.forEach(function (type, t) {
        var n = entry.types[t];
        if (!n) return;
        var item = node("span", "sm-type");
        item.title = type.label + ": " + n;
        item.appendChild(symbolNode(t, null, 22));
        if (n > 1) item.appendChild(node("b", null, n));
        types.appendChild(item);
      });
      card.appendChild(types);
      var states = node("div", "sm-states");
      SM.config.statuses.forEach(function (status, s) {
        var n = entry.statuses[s];
        if (!n) return;
        var item = node("span", "sm-state");
        item.title = status.label + ": " + n;
        item.appendChild(symbolNode(null, s, 15));
        item.appendChild(node("span", null, n));
        states.appendChild(item);
      });
      card.appendChild(states);
      // A preview's changes at the place, by kind.
      var changed = node("div", "sm-changes");
      var words = [];
      SM.config.changes.forEach(function (change, k) {
        var n = entry.changes[k];
        if (!n) return;
        var item = changeTag(change, " " + n);
        item.title = change.label + ": " + n;
        changed.appendChild(item);
        words.push(change.label + ": " + n);
      });
      if (words.length) card.appendChild(changed);
      // Who: the actors named on most of its rows.
      var who = Object.keys(entry.actors).sort(function (a, b) {
        return entry.actors[b] - entry.actors[a] || (a < b ? -1 : 1);
      });
      if (who.length) {
        var line = node("div", "sm-actors", who.slice(0, 2).join(" · ") + (who.length > 2 ? " …" : ""));
        line.title = who.slice(0, 8).map(function (name) {
          return name + " (" + entry.actors[name] + ")";
        }).join("\n");
        card.appendChild(line);
      }
      var name = say(text.badge_label, { name: place.name, n: entry.total });
      if (words.length) name += " (" + words.join(", ") + ")";
      this._activate(card, name, function () {
        this._list(key, false, null, true);
      });
      return card;
    },

    /* Zoomed in: the measures that apply to a whole place or focus area, one symbol each in
       a framed grid captioned so, never on a spot of their own. */
    _frameCard: function (key, count) {
      var self = this;
      var rows = this._rowsOf(key, true).slice(0, GRID_MAX);
      var text = SM.config.text;
      var place = SM.config.places[key];
      var card = node("div", "sm-card sm-area");
      card.setAttribute("data-place", key);
      var head = node("div", "sm-card-head");
      head.appendChild(node("span", "sm-name", place.name));
      head.appendChild(node("span", "sm-total", count));
      this._activate(head, say(text.badge_label, { name: place.name, n: count }), function () {
        this._list(key, true, null, true);
      });
      card.appendChild(head);
      card.appendChild(node("div", "sm-caption", text.whole_area));
      var grid = node("div", "sm-grid");
      rows.forEach(function (i) {
        var cell = node("span", i === self._selected ? "sm-cell selected" : "sm-cell");
        cell.setAttribute("data-row", i);
        cell.appendChild(rowSymbol(self.rows, i, 26));
        var name = self.rows.title[i] + " (" + SM.config.statuses[self.rows.status[i]].label + ")";
        self._activate(cell, name + changeWords(self.rows, i), function () {
          self._choose(i);
        });
        grid.appendChild(cell);
      });
      if (count > rows.length) {
        var more = node("span", "sm-more", say(text.whole_area_more, { n: count - rows.length }));
        this._activate(more, more.textContent, function () {
          this._list(key, true, null, true);
        });
        grid.appendChild(more);
      }
      card.appendChild(grid);
      L.DomEvent.disableClickPropagation(card);
      L.DomEvent.disableScrollPropagation(card);
      return card;
    },

    /* The list behind a badge (every row of a place and its focus areas) or a frame (the
       rows that apply to the whole area): each row selectable. */
    _list: function (key, whole, highlight, focus) {
      var rows = this._rowsOf(key, whole);
      if (!rows.length) return;
      var place = SM.config.places[key];
      var box = node("div", "measure-popup sm-list-popup");
      box.appendChild(node("strong", null, say(SM.config.text.badge_list, { name: place.name, n: rows.length })));
      if (whole) box.appendChild(node("p", "sm-whole", SM.config.text.whole_area));
      box.appendChild(this._listNode(rows.slice(0, LISTED), highlight));
      if (rows.length > LISTED) {
        box.appendChild(node("p", null, say(SM.config.text.inview_more, { n: rows.length - LISTED })));
      }
      this._openPopup(L.latLng(place.anchor), box, { key: key, whole: whole });
      if (focus) {
        var first = box.querySelector("button");
        if (first) first.focus({ preventScroll: true });
      }
    },

    _listNode: function (rowIndexes, highlight) {
      var self = this;
      var rows = this.rows;
      var text = SM.config.text;
      var list = node("ol", "sm-list");
      rowIndexes.forEach(function (i) {
        var item = node("li");
        var button = node("button", "sm-item");
        button.type = "button";
        if (i === highlight || i === self._selected) button.classList.add("selected");
        button.appendChild(rowSymbol(rows, i, 24));
        var words = node("span", "sm-words");
        words.appendChild(node("span", "title", rows.title[i]));
        var change = changeOf(rows, i);
        var facts = (change ? [change.sign + " " + change.label] : []).concat([
          SM.config.types[rows.type[i]].label,
          SM.config.statuses[rows.status[i]].label,
          self.tables.dates[rows.dates[i]],
        ]);
        if (rows.lat[i] !== null) facts.push(text.with_point);
        words.appendChild(node("span", "facts", facts.join(" · ")));
        words.appendChild(node("span", "actors", self.tables.actors[rows.actors[i]]));
        button.appendChild(words);
        L.DomEvent.on(button, "click", function () {
          list.querySelectorAll(".selected").forEach(function (other) {
            other.classList.remove("selected");
          });
          button.classList.add("selected");
          self._selected = i;
          SM.pick(i, rows.title[i]);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      return list;
    },

    /* --- conditions: dated areas ---------------------------------------------------- */

    /* type index → place index → row indexes of conditions without a point of their own. */
    _conditionRows: function () {
      var rows = this.rows;
      var areas = {};
      for (var i = 0; i < this._count; i++) {
        if (rows.lat[i] !== null || this._playGone[i] || SM.config.types[rows.type[i]].kind !== "condition") continue;
        var byPlace = (areas[rows.type[i]] = areas[rows.type[i]] || {});
        (byPlace[rows.place[i]] = byPlace[rows.place[i]] || []).push(i);
      }
      return areas;
    },

    _areaShape: function (typeIndex, place, rowIndexes) {
      var self = this;
      var type = SM.config.types[typeIndex];
      var shape = L.geoJSON(SM.config.places[this.tables.places[place]].geometry, {
        style: {
          color: type.colour,
          weight: 3,
          dashArray: "2 6",
          fillColor: type.colour,
          fillOpacity: 0.18,
          className: "area-condition",
        },
      });
      shape.bindTooltip(function () {
        var box = node("div", "measure-area-tip");
        box.appendChild(node("strong", null, SM.config.places[self.tables.places[place]].name));
        var list = node("ul");
        rowIndexes.forEach(function (i) {
          list.appendChild(
            node(
              "li",
              null,
              type.label + ": " + self.rows.title[i] + " – " +
                SM.config.statuses[self.rows.status[i]].label + ", " + self.tables.dates[self.rows.dates[i]] +
                changeWords(self.rows, i)
            )
          );
        });
        box.appendChild(list);
        return box;
      }, { sticky: true });
      return shape;
    },
  });
})();
