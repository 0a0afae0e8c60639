# The files of web/ compiled into the binary, relative to web/: served at /assets/…, /vendor/…,
# /openapi.json and as the static pages.
#
# web/vendor/ (gitignored) holds the npm-installed files the pages load, flattened to one path
# segment because /vendor/{file} is one segment. They are copied here at configure time from
# web/node_modules (scripts/install-deps.sh runs `npm ci` in web/). The pages draw their own
# markers (L.divIcon), so of Leaflet only the script and its stylesheet are needed.
set(yz_vendor_sources
    "node_modules/leaflet/dist/leaflet.js"
    "node_modules/leaflet/dist/leaflet.css")
set(yz_vendor_files "")
file(MAKE_DIRECTORY "${PROJECT_SOURCE_DIR}/web/vendor")
foreach(source IN LISTS yz_vendor_sources)
  set(from "${PROJECT_SOURCE_DIR}/web/${source}")
  get_filename_component(name "${source}" NAME)
  if(NOT EXISTS "${from}")
    message(FATAL_ERROR "web/${source} is missing: run scripts/install-deps.sh (npm ci in web/)")
  endif()
  # Reconfigure when the npm package changes (a new lock file, a fresh npm ci).
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${from}")
  file(COPY_FILE "${from}" "${PROJECT_SOURCE_DIR}/web/vendor/${name}" ONLY_IF_DIFFERENT)
  list(APPEND yz_vendor_files "vendor/${name}")
endforeach()

file(GLOB_RECURSE web_files RELATIVE "${PROJECT_SOURCE_DIR}/web" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/web/assets/*" "${PROJECT_SOURCE_DIR}/web/pages/*"
     "${PROJECT_SOURCE_DIR}/web/openapi.json")
list(APPEND web_files ${yz_vendor_files})
