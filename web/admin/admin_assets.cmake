# The console's files (web/admin/), compiled into the binary next to the worker pages' files:
# appended to `web_files` (relative to web/) after web/assets.cmake has listed those. Served at
# /admin/… by the routes of src/app/admin_routes.cpp.
file(GLOB_RECURSE yz_admin_web_files RELATIVE "${PROJECT_SOURCE_DIR}/web" CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/web/admin/*.html" "${PROJECT_SOURCE_DIR}/web/admin/*.js"
     "${PROJECT_SOURCE_DIR}/web/admin/*.css" "${PROJECT_SOURCE_DIR}/web/admin/*.svg")
list(APPEND web_files ${yz_admin_web_files})
