# The files of web/ compiled into the binary, relative to web/: served at /assets/…, /vendor/…,
# /openapi.json and as the static pages.
file(GLOB_RECURSE web_files RELATIVE "${PROJECT_SOURCE_DIR}/web" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/web/assets/*" "${PROJECT_SOURCE_DIR}/web/pages/*" "${PROJECT_SOURCE_DIR}/web/openapi.json")
