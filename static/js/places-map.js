/* Map of digital-inclusion places. The list beside it is the primary content: without JavaScript, or
 * when Leaflet cannot start, the map stays hidden. When the tile server cannot be reached (tiles fail),
 * a notice says so and the markers stay. Data comes from <script type="application/json" id="places-data">.
 * No inline styles: Leaflet positions elements through the CSSOM, which the CSP (style-src 'self') allows. */
(function () {
  "use strict";

  function start() {
    var container = document.getElementById("places-map");
    var dataNode = document.getElementById("places-data");
    if (!container || !dataNode || typeof window.L === "undefined") {
      return;
    }
    var places;
    try {
      places = JSON.parse(dataNode.textContent);
    } catch (error) {
      return;
    }
    if (!places.length) {
      return;
    }
    container.hidden = false;
    var L = window.L;
    L.Icon.Default.imagePath = container.dataset.iconPath;
    var map = L.map(container, { scrollWheelZoom: false });
    var notice = document.getElementById("places-map-notice");
    var failed = false;
    L.tileLayer(container.dataset.tileUrl, {
      attribution: container.dataset.tileAttribution,
      maxZoom: 19
    })
      .on("tileerror", function () {
        if (!failed && notice) {
          failed = true;
          notice.hidden = false;
          container.classList.add("places-map--no-tiles");
        }
      })
      .addTo(map);

    var labels = {
      "true": container.dataset.labelOpen,
      "false": container.dataset.labelClosed,
      "null": container.dataset.labelUnknown
    };
    var bounds = places.map(function (place) {
      return [place.lat, place.lng];
    });
    // The view first: Leaflet draws a marker's icon only once the map has one.
    if (bounds.length === 1) {
      map.setView(bounds[0], 15);
    } else {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    }
    places.forEach(function (place) {
      var marker = L.marker([place.lat, place.lng], { title: place.name, alt: place.name, keyboard: true });
      var popup = document.createElement("div");
      var link = document.createElement("a");
      link.href = place.url;
      link.textContent = place.name;
      var strong = document.createElement("strong");
      strong.appendChild(link);
      popup.appendChild(strong);
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(place.address));
      popup.appendChild(document.createElement("br"));
      popup.appendChild(document.createTextNode(labels[String(place.open)]));
      marker.bindPopup(popup);
      marker.addTo(map);
      var element = marker.getElement();
      if (element) {
        element.classList.add(place.open === true ? "marker-open" : place.open === false ? "marker-closed" : "marker-unknown");
      }
    });
    container.dataset.ready = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
