# Turns a text file into a C++ source defining store::http::OpenApiDocument().
file(READ ${INPUT} CONTENT)
set(DELIM "OPENAPI_DOC")
file(WRITE ${OUTPUT} "// Generated from docs/openapi.json; do not edit.\n#include <string_view>\nnamespace store::http {\nstd::string_view OpenApiDocument() {\n    static constexpr std::string_view kDoc = R\"${DELIM}(${CONTENT})${DELIM}\";\n    return kDoc;\n}\n}  // namespace store::http\n")
