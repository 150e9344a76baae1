# Warnings for every target of ours; CI (CI=true) turns them into errors.
add_library(store_warnings INTERFACE)
target_compile_options(store_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(DEFINED ENV{CI} AND "$ENV{CI}" STREQUAL "true")
  target_compile_options(store_warnings INTERFACE -Werror)
endif()
