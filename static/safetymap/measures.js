/* Trygghetskartan: the measures on the map, drawn in the browser from compact data.

   safetymap/mapdata.py sends the filtered rows as column arrays (one array per field,
   repeated texts as indexes into small tables). This file clusters the rows that have a
   point with Supercluster and draws, for what is in view only, each type's symbol or a
   cluster with its count; it draws the rows without a point of their own on their place,
   builds tooltips, popups and the list of what is in view. Text from data reaches the page
   only through textContent, never as markup.

   safetymap.setup(config, map)         once per map: vocabulary, UI text, place shapes, the
                                        list of what is in view, and the view reported back
   new safetymap.Measures(data)         the filtered rows; a Leaflet layer
   measures.bindType(group, typeIndex)  a type's layer-control group: its place overlays,
                                        and its symbols shown or hidden with the group */
(function () {
  "use strict";

  var SM = (window.safetymap = window.safetymap || {});
  var LISTED = 200; // rows written into the in-view list at most
  var AREA_LISTED = 12; // rows named in a place overlay's tooltip at most
  var LEAVES_LISTED = 50; // rows named in the popup of a cluster that cannot split

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

  /* --- the user's view, reported to the app ------------------------------------------

     streamlit-folium (0.27, pinned) reports its returned objects once as soon as the map is
     drawn, which would rerun the app after every first draw. The app asks it only for clicks
     and reports the view from here instead: after the user's own panning or zooming, never
     for the first drawing or the app's moves, through the same component value. */

  function reportView(map) {
    var touched = false;
    var timer = null;
    ["mousedown", "wheel", "touchstart", "keydown", "dblclick"].forEach(function (name) {
      map.getContainer().addEventListener(name, function () {
        touched = true;
      }, { capture: true, passive: true });
    });
    map.on("moveend", function () {
      if (!touched || !window.Streamlit || !window.__GLOBAL_DATA__) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var centre = map.getCenter();
        var state = window.__GLOBAL_DATA__;
        var value = {
          last_object_clicked: state.last_object_clicked,
          view: { lat: centre.lat, lng: centre.lng, zoom: Math.round(map.getZoom()) },
        };
        state.previous_data = value;
        window.Streamlit.setComponentValue(value);
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

  SM.setup = function (config, map) {
    keepPageStill(map);
    SM.config = config;
    SM.inView = new InView().addTo(map);
    reportView(map);
  };

  /* --- the measures layer ---------------------------------------------------------- */

  SM.Measures = L.Layer.extend({
    initialize: function (data) {
      this.rows = data.rows;
      this.tables = data.tables;
      this._count = data.rows.title.length;
      this._hidden = {};
      this._markers = L.layerGroup();
    },

    onAdd: function (map) {
      this._index = this._cluster();
      map.addLayer(this._markers);
      map.on("moveend", this._draw, this);
      this._draw();
    },

    onRemove: function (map) {
      map.off("moveend", this._draw, this);
      map.removeLayer(this._markers);
      if (SM.inView) SM.inView.follow(null);
    },

    /* A type's group in the layer control: its place overlays, and its symbols shown or
       hidden when the group is switched on or off. */
    bindType: function (group, typeIndex) {
      var self = this;
      var byPlace = this._areaRows()[typeIndex] || {};
      Object.keys(byPlace).forEach(function (place) {
        self._areaShape(typeIndex, Number(place)).addTo(group);
      });
      group.on("add", function () {
        self._show(typeIndex, true);
      });
      group.on("remove", function () {
        self._show(typeIndex, false);
      });
    },

    /* Row indexes of everything in view: points inside the bounds, and rows without a point
       whose place reaches into the view. */
    inView: function () {
      var bounds = this._map.getBounds();
      var rows = this.rows;
      var places = this.tables.places;
      var out = [];
      for (var i = 0; i < this._count; i++) {
        if (this._hidden[rows.type[i]]) continue;
        if (rows.lat[i] !== null) {
          if (bounds.contains([rows.lat[i], rows.lon[i]])) out.push(i);
        } else if (bounds.intersects(SM.config.places[places[rows.place[i]]].bounds)) {
          out.push(i);
        }
      }
      return out;
    },

    /* "Type · status · place · dates" of a row, as plain text. */
    facts: function (i) {
      var rows = this.rows;
      return [
        SM.config.types[rows.type[i]].label,
        SM.config.statuses[rows.status[i]],
        SM.config.places[this.tables.places[rows.place[i]]].name,
        this.tables.dates[rows.dates[i]],
      ].join(" · ");
    },

    _show: function (typeIndex, visible) {
      if (!this._hidden[typeIndex] === visible) return;
      this._hidden[typeIndex] = !visible;
      if (!this._map) return;
      this._index = this._cluster();
      this._draw();
    },

    _cluster: function () {
      var rows = this.rows;
      var points = [];
      for (var i = 0; i < this._count; i++) {
        if (rows.lat[i] === null || this._hidden[rows.type[i]]) continue;
        points.push({
          type: "Feature",
          properties: { i: i },
          geometry: { type: "Point", coordinates: [rows.lon[i], rows.lat[i]] },
        });
      }
      // Two or more points closer than ~radius pixels form a cluster, up to and including the
      // map's last zoom level, so rows at one spot stay a cluster whose popup lists them all.
      var last = Math.min(this._map.getMaxZoom(), 22);
      return new Supercluster({ radius: 44, maxZoom: last, minPoints: 2 }).load(points);
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
      if (SM.inView) SM.inView.follow(this);
    },

    _pointMarker: function (i, latlng) {
      var self = this;
      var rows = this.rows;
      var type = SM.config.types[rows.type[i]];
      var marker = L.marker(latlng, {
        icon: L.divIcon({
          html: type.svg, // built from the vocabulary by the server, never from data
          className: "measure-symbol",
          iconSize: [26, 26],
          iconAnchor: [13, 13],
        }),
        keyboard: true,
        riseOnHover: true,
      });
      marker.bindTooltip(function () {
        return node("span", null, rows.title[i] + " (" + SM.config.statuses[rows.status[i]] + ")");
      });
      marker.bindPopup(function () {
        return self._popup(i);
      }, { maxWidth: 340 });
      // streamlit-folium listens on this layer: the click selects the measure in the app.
      marker.on("click", function () {
        self.fire("click", { latlng: latlng });
      });
      return marker;
    },

    _popup: function (i) {
      var rows = this.rows;
      var text = SM.config.text;
      var box = node("div", "measure-popup");
      box.appendChild(node("strong", null, rows.title[i]));
      var table = node("table");
      [
        [text.type, SM.config.types[rows.type[i]].label],
        [text.status, SM.config.statuses[rows.status[i]]],
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
          marker.unbindTooltip();
          marker.bindPopup(self._leaves(id, count), { maxWidth: 340 }).openPopup();
        }
      });
      return marker;
    },

    /* The rows of a cluster that stays one at the last zoom level (same spot). */
    _leaves: function (id, count) {
      var rows = this.rows;
      var box = node("div", "measure-popup");
      box.appendChild(node("strong", null, say(SM.config.text.cluster_same_spot, { n: count })));
      var list = node("ul");
      this._index.getLeaves(id, LEAVES_LISTED).forEach(function (leaf) {
        var i = leaf.properties.i;
        list.appendChild(node("li", null, rows.title[i] + " (" + SM.config.statuses[rows.status[i]] + ")"));
      });
      box.appendChild(list);
      if (count > LEAVES_LISTED) {
        box.appendChild(node("p", null, say(SM.config.text.inview_more, { n: count - LEAVES_LISTED })));
      }
      return box;
    },

    /* type index → place index → row indexes of rows without a point of their own. */
    _areaRows: function () {
      if (this._areas) return this._areas;
      var rows = this.rows;
      var areas = {};
      for (var i = 0; i < this._count; i++) {
        if (rows.lat[i] !== null) continue;
        var byPlace = (areas[rows.type[i]] = areas[rows.type[i]] || {});
        (byPlace[rows.place[i]] = byPlace[rows.place[i]] || []).push(i);
      }
      return (this._areas = areas);
    },

    _areaShape: function (typeIndex, place) {
      var self = this;
      var type = SM.config.types[typeIndex];
      var condition = type.kind === "condition";
      var shape = L.geoJSON(SM.config.places[this.tables.places[place]].geometry, {
        style: {
          color: type.colour,
          weight: condition ? 3 : 2,
          dashArray: condition ? "2 6" : "8 4",
          fillColor: type.colour,
          // Only conditions are filled: area-wide measures of many types on one place would
          // otherwise stack their fills into an opaque block.
          fillOpacity: condition ? 0.18 : 0,
          className: condition ? "area-condition" : "area-measure",
        },
      });
      shape.bindTooltip(function () {
        return self._areaTip(place);
      }, { sticky: true });
      return shape;
    },

    /* Every shown row without a point on this place, whatever overlay is on top. */
    _areaTip: function (place) {
      var rows = this.rows;
      var areas = this._areaRows();
      var box = node("div", "measure-area-tip");
      box.appendChild(node("strong", null, SM.config.places[this.tables.places[place]].name));
      var list = node("ul");
      var shown = 0;
      var total = 0;
      for (var t = 0; t < SM.config.types.length; t++) {
        if (this._hidden[t] || !areas[t] || !areas[t][place]) continue;
        areas[t][place].forEach(function (i) {
          total += 1;
          if (shown >= AREA_LISTED) return;
          shown += 1;
          list.appendChild(
            node(
              "li",
              null,
              SM.config.types[t].label + ": " + rows.title[i] + " – " +
                SM.config.statuses[rows.status[i]] + ", " + this.tables.dates[rows.dates[i]]
            )
          );
        }, this);
      }
      box.appendChild(list);
      if (total > shown) {
        box.appendChild(node("p", null, say(SM.config.text.inview_more, { n: total - shown })));
      }
      return box;
    },
  });
})();
