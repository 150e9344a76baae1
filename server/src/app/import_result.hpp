#pragma once

#include <cstddef>
#include <string>

#include "domain/field_error.hpp"

namespace store::app {

/// The outcome of one row of a CSV import.
struct ImportRowResult {
    std::size_t row = 0;  // line in the file (the header is line 1)
    bool ok = false;
    std::string id;   // the created record
    std::string key;  // serial or code, for the reader
    domain::FieldErrors errors;
};

}  // namespace store::app
