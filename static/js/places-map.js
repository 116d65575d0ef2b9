/* Map of digital-inclusion places. The list beside it is the primary content: without JavaScript, or
 * when Leaflet cannot start, the map stays hidden. When the tile server cannot be reached (tiles fail),
 * a notice says so and the markers stay.
 *
 * Markers: up to a few hundred places come with the page (<script type="application/json" id="places-data">);
 * beyond that the page gives the API's address (data-api-url) and the extent of the places (#places-bounds),
 * and the map asks /api/v1/places.geojson?bbox=... for the places of the area it shows, each time it moves.
 * Markers are clustered (Leaflet.markercluster) when it is loaded; a cluster is a button named by its count.
 *
 * Keyboard: each card of the list gets a "Show on the map" button that brings its marker into view, opens
 * its popup and moves the focus to the popup's link. "Near me" asks the browser's position only on a click,
 * sorts the places in the browser and keeps the position nowhere: it is never sent to the server (in the
 * area mode only the rectangle shown on the map is, as for any move of the map).
 * No inline styles: Leaflet positions elements through the CSSOM, which the CSP (style-src 'self') allows. */
(function () {
  "use strict";

  var MAX_PAGES = 10; // 10 x 1,000 places per area, the API's largest page
  var NEAR_COUNT = 10;
  var NEAR_MAX_KM = 50;

  function format(label, values) {
    return label.replace(/%\((\w+)\)s/g, function (match, key) {
      return values[key];
    });
  }

  function distanceKm(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180;
    var dLat = (lat2 - lat1) * rad;
    var dLng = (lng2 - lng1) * rad;
    var a =
      Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) {
      return null;
    }
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      return null;
    }
  }

  function start() {
    var container = document.getElementById("places-map");
    if (!container || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    var places = readJson("places-data") || [];
    var apiUrl = container.dataset.apiUrl || "";
    var bounds = readJson("places-bounds");
    if (!places.length && !(apiUrl && bounds)) {
      return;
    }
    var lang = document.documentElement.lang || "fr";
    var status = document.getElementById("places-map-status");
    container.hidden = false;
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
    var icons = {
      "true": new L.Icon.Default({ className: "marker-open" }),
      "false": new L.Icon.Default({ className: "marker-closed" }),
      "null": new L.Icon.Default({ className: "marker-unknown" })
    };
    var clusterLabel = container.dataset.labelCluster || "%(count)s";

    function clusterIcon(cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? "small" : count < 100 ? "medium" : "large";
      var inner = document.createElement("div");
      var number = document.createElement("span");
      number.setAttribute("aria-hidden", "true");
      number.textContent = String(count);
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = format(clusterLabel, { count: count });
      inner.appendChild(number);
      inner.appendChild(name);
      var html = document.createElement("div");
      html.appendChild(inner);
      return L.divIcon({ html: html.innerHTML, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
    }

    var clustered = typeof L.markerClusterGroup === "function" && (places.length > 1 || apiUrl);
    var whenDrawn = null; // what to do once the markers being added are all on the map
    function drawn() {
      var callback = whenDrawn;
      whenDrawn = null;
      if (callback) {
        window.setTimeout(callback, 0); // after the cluster group puts the last chunk on the map
      }
    }
    var layer = clustered
      ? L.markerClusterGroup({
          iconCreateFunction: clusterIcon,
          showCoverageOnHover: false,
          // Thousands of markers are added in chunks so the page stays responsive; the map says it is
          // ready (data-ready, the status line, a place waiting to be shown) only after the last one.
          chunkedLoading: true,
          chunkProgress: function (processed, total) {
            if (processed === total) {
              drawn();
            }
          }
        })
      : L.layerGroup();
    layer.addTo(map);
    var markers = {}; // slug -> marker
    var known = []; // the places on the map now

    function makeMarker(place) {
      var key = String(place.open);
      var marker = L.marker([place.lat, place.lng], {
        title: place.name,
        alt: place.name,
        keyboard: true,
        icon: icons[key] || icons["null"]
      });
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
      popup.appendChild(document.createTextNode(labels[key] || labels["null"]));
      marker.bindPopup(popup);
      if (place.slug) {
        markers[place.slug] = marker;
      }
      return marker;
    }

    function show(list, then) {
      layer.clearLayers();
      markers = {};
      known = list;
      var made = list.map(makeMarker);
      whenDrawn = then || null;
      if (layer.addLayers) {
        layer.addLayers(made);
      } else {
        made.forEach(function (marker) {
          layer.addLayer(marker);
        });
        drawn();
      }
    }

    // --- the area mode: the places of the rectangle shown, from the API ---------------------------------
    var generation = 0;
    var waiting = null; // a place chosen in the list, to reveal once its area is loaded
    var afterLoad = [];

    function featureToPlace(feature) {
      var properties = feature.properties || {};
      var slug = properties.identifiant_url;
      return {
        name: properties.nom,
        slug: slug,
        url: container.dataset.detailUrl ? container.dataset.detailUrl.replace("identifiant-a-remplacer", slug) : properties.url,
        address: properties.adresse,
        lat: feature.geometry.coordinates[1],
        lng: feature.geometry.coordinates[0],
        open: properties.ouvert_maintenant === undefined ? null : properties.ouvert_maintenant
      };
    }

    function fetchAll(url, found, pages) {
      return window
        .fetch(url, { headers: { Accept: "application/json" }, credentials: "omit" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (data) {
          found = found.concat(data.features || []);
          if (data.suivante && pages + 1 < MAX_PAGES) {
            return fetchAll(data.suivante, found, pages + 1);
          }
          return found;
        });
    }

    function loadArea() {
      var box = map.getBounds();
      var bbox = [
        clamp(box.getWest(), -180, 180),
        clamp(box.getSouth(), -90, 90),
        clamp(box.getEast(), -180, 180),
        clamp(box.getNorth(), -90, 90)
      ]
        .map(function (value) {
          return value.toFixed(5);
        })
        .join(",");
      var url = apiUrl + (apiUrl.indexOf("?") === -1 ? "?" : "&") + "bbox=" + bbox + "&page_size=1000";
      var mine = ++generation;
      container.dataset.ready = "loading";
      if (status) {
        status.textContent = container.dataset.labelLoading || "";
      }
      fetchAll(url, [], 0)
        .then(function (features) {
          if (mine !== generation) {
            return;
          }
          show(features.map(featureToPlace), function () {
            if (mine !== generation) {
              return;
            }
            container.dataset.ready = "true";
            container.dataset.loaded = String(known.length);
            if (status) {
              status.textContent = format(container.dataset.labelLoaded || "", { count: known.length });
            }
            var callbacks = afterLoad;
            afterLoad = [];
            callbacks.forEach(function (callback) {
              callback();
            });
          });
        })
        .catch(function () {
          if (mine === generation) {
            container.dataset.ready = "true";
          }
        });
    }

    var timer = null;
    if (apiUrl) {
      map.on("moveend", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(loadArea, 200);
      });
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else {
      var points = places.map(function (place) {
        return [place.lat, place.lng];
      });
      // The view first: Leaflet draws a marker's icon only once the map has one.
      if (points.length === 1) {
        map.setView(points[0], 15);
      } else {
        map.fitBounds(points, { padding: [24, 24], maxZoom: 15 });
      }
      show(places, function () {
        container.dataset.ready = "true";
      });
    }

    // --- from the list to the map ------------------------------------------------------------------------
    var returnTo = null;
    var nearBox = document.getElementById("near-me");
    var showLabel = nearBox ? nearBox.dataset.labelShow : "";

    function focusPopup(marker) {
      marker.openPopup();
      var popup = marker.getPopup() && marker.getPopup().getElement();
      var link = popup && popup.querySelector("a");
      if (link) {
        link.focus();
      }
    }

    function reveal(marker) {
      if (layer.zoomToShowLayer) {
        layer.zoomToShowLayer(marker, function () {
          focusPopup(marker);
        });
      } else {
        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 15));
        focusPopup(marker);
      }
    }

    function showOnMap(slug, lat, lng, button) {
      returnTo = button;
      var marker = markers[slug];
      if (marker) {
        reveal(marker);
        return;
      }
      if (apiUrl && !isNaN(lat) && !isNaN(lng)) {
        waiting = slug;
        afterLoad.push(function () {
          if (waiting === slug && markers[slug]) {
            waiting = null;
            reveal(markers[slug]);
          }
        });
        map.setView([lat, lng], 17);
        window.clearTimeout(timer);
        timer = window.setTimeout(loadArea, 0);
      }
    }

    map.on("popupclose", function () {
      if (returnTo && document.activeElement && container.contains(document.activeElement)) {
        returnTo.focus();
      }
    });

    function addShowButton(holder, slug, lat, lng, name) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary place-show-on-map mt-2";
      button.textContent = showLabel;
      if (name) {
        button.setAttribute("aria-label", button.textContent + " : " + name);
      }
      button.addEventListener("click", function () {
        showOnMap(slug, lat, lng, button);
      });
      holder.appendChild(button);
      return button;
    }

    Array.prototype.forEach.call(document.querySelectorAll(".place-card[data-lat]"), function (card) {
      var title = card.querySelector(".card-title");
      addShowButton(card.querySelector(".card-body") || card, card.dataset.slug, parseFloat(card.dataset.lat), parseFloat(card.dataset.lng), title ? title.textContent.trim() : "");
    });

    // --- near me ------------------------------------------------------------------------------------------
    if (!nearBox || !navigator.geolocation) {
      return;
    }
    var nearButton = document.getElementById("near-me-button");
    var results = document.getElementById("near-me-results");
    nearBox.hidden = false;

    function listNearest(lat, lng) {
      var sorted = known
        .map(function (place) {
          return { place: place, km: distanceKm(lat, lng, place.lat, place.lng) };
        })
        .filter(function (item) {
          return item.km <= NEAR_MAX_KM;
        })
        .sort(function (a, b) {
          return a.km - b.km;
        })
        .slice(0, NEAR_COUNT);
      results.textContent = "";
      if (!sorted.length) {
        var none = document.createElement("p");
        none.textContent = nearBox.dataset.labelNone;
        results.appendChild(none);
        return;
      }
      var list = document.createElement("ol");
      list.className = "near-me-list ps-3";
      sorted.forEach(function (item) {
        var row = document.createElement("li");
        row.className = "mb-2";
        var link = document.createElement("a");
        link.href = item.place.url;
        link.textContent = item.place.name;
        row.appendChild(link);
        var distance = document.createElement("span");
        distance.className = "place-distance";
        distance.textContent =
          " · " + format(nearBox.dataset.labelDistance, { distance: item.km.toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
        row.appendChild(distance);
        row.appendChild(document.createElement("br"));
        addShowButton(row, item.place.slug, item.place.lat, item.place.lng, item.place.name);
        list.appendChild(row);
      });
      results.appendChild(list);
    }

    nearButton.addEventListener("click", function () {
      results.textContent = "";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var lat = position.coords.latitude;
          var lng = position.coords.longitude;
          if (apiUrl) {
            afterLoad.push(function () {
              listNearest(lat, lng);
            });
            map.setView([lat, lng], 13);
            window.clearTimeout(timer);
            timer = window.setTimeout(loadArea, 0);
          } else {
            listNearest(lat, lng);
          }
        },
        function () {
          var message = document.createElement("p");
          message.textContent = nearBox.dataset.labelDenied;
          results.appendChild(message);
        },
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
      );
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
