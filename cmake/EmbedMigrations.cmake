# Turns server/migrations/<kind>/NNNN_name.sql into a C++ source defining
# store::infra::<kind>::EmbeddedMigrations() (declared in infra/sql/migrations.hpp), so the
# installed binary needs no migration files. Usage:
#   cmake -DINPUT_DIR=… -DKIND=sqlite|postgres -DOUTPUT=….cpp -P EmbedMigrations.cmake
file(GLOB FILES RELATIVE ${INPUT_DIR} ${INPUT_DIR}/*.sql)
list(SORT FILES)
set(DELIM "MIGRATION_SQL")
set(BODY "")
foreach(FILE ${FILES})
  if(NOT FILE MATCHES "^([0-9][0-9][0-9][0-9])_([a-z0-9_]+)\\.sql$")
    message(FATAL_ERROR "migration ${FILE} is not named NNNN_name.sql")
  endif()
  set(VERSION ${CMAKE_MATCH_1})
  set(NAME ${CMAKE_MATCH_2})
  math(EXPR VERSION "${VERSION}")  # drops the leading zeros
  file(READ ${INPUT_DIR}/${FILE} SQL)
  string(FIND "${SQL}" ")${DELIM}\"" CLASH)
  if(NOT CLASH EQUAL -1)
    message(FATAL_ERROR "migration ${FILE} contains the raw-string delimiter")
  endif()
  string(APPEND BODY "        {${VERSION}, \"${NAME}\", R\"${DELIM}(${SQL})${DELIM}\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from server/migrations/${KIND}; do not edit.\n#include \"infra/sql/migrations.hpp\"\n\nnamespace store::infra::${KIND} {\n\nconst std::vector<sql::Migration>& EmbeddedMigrations() {\n    static const std::vector<sql::Migration> kMigrations{\n${BODY}    };\n    return kMigrations;\n}\n\n}  // namespace store::infra::${KIND}\n")
# Only touch the output when it changed, so that an unrelated reconfigure rebuilds nothing.
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
