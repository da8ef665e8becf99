// Frivillig: the optional map of search results (search page only). No inline scripts (CSP): the points come
// from the <script type="application/json" id="map-data"> block, which an htmx update replaces with the results.
(function () {
  "use strict";

  var map = null;
  var markers = null;

  function readPoints() {
    var block = document.getElementById("map-data");
    if (!block) {
      return [];
    }
    try {
      var points = JSON.parse(block.textContent);
      return Array.isArray(points) ? points : [];
    } catch (error) {
      return [];
    }
  }

  function icon(container) {
    return L.icon({
      iconUrl: container.dataset.iconUrl,
      iconRetinaUrl: container.dataset.iconRetinaUrl,
      shadowUrl: container.dataset.shadowUrl,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41]
    });
  }

  // The popup is built from DOM nodes, never from HTML strings: titles are text written by organisations.
  function popupContent(point) {
    var content = document.createElement("div");
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    var organisation = document.createElement("p");
    organisation.textContent = point.organisation;
    content.appendChild(link);
    content.appendChild(organisation);
    return content;
  }

  function showPoints(container) {
    var points = readPoints();
    var markerIcon = icon(container);
    markers.clearLayers();
    points.forEach(function (point) {
      // Leaflet markers are focusable and open their popup with Enter, so the map works by keyboard.
      L.marker([point.lat, point.lng], {icon: markerIcon, title: point.title, alt: point.title, keyboard: true})
        .bindPopup(popupContent(point))
        .addTo(markers);
    });
    if (points.length) {
      map.fitBounds(markers.getBounds(), {padding: [32, 32], maxZoom: 15});
    }
  }

  function createMap(container) {
    container.textContent = "";
    map = L.map(container, {scrollWheelZoom: false});
    if (container.dataset.tileUrl) {
      L.tileLayer(container.dataset.tileUrl, {attribution: container.dataset.attribution || "", maxZoom: 19})
        .addTo(map);
    }
    markers = L.featureGroup().addTo(map);
    map.setView([56.2, 10.8], 6);  // Denmark, until the results' points set the view.
    // Move focus into an opened popup, so a keyboard user can follow its link straight away.
    map.on("popupopen", function (event) {
      var link = event.popup.getElement().querySelector(".leaflet-popup-content a");
      if (link) {
        link.focus();
      }
    });
    showPoints(container);
  }

  function start() {
    var disclosure = document.getElementById("map-disclosure");
    var container = document.getElementById("search-map");
    if (!disclosure || !container || typeof L === "undefined") {
      return;
    }
    disclosure.addEventListener("toggle", function () {
      if (!disclosure.open) {
        return;
      }
      if (map) {
        map.invalidateSize();
        showPoints(container);
      } else {
        createMap(container);
      }
    });
    document.addEventListener("htmx:after:swap", function () {
      if (map && disclosure.open) {
        showPoints(container);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
