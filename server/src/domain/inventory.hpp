#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/field_error.hpp"

namespace store::domain {

enum class ItemStatus { kInStock, kAllocated, kInstalled, kRetired };

std::string_view ToString(ItemStatus status);
std::optional<ItemStatus> ParseItemStatus(std::string_view text);

/// A serial number: 3-64 of A-Z a-z 0-9 - _ . / (what vendors print on labels).
bool IsValidSerial(std::string_view serial);

FieldErrors ValidateHardwareModel(std::string_view kind, std::string_view vendor,
                                  std::string_view model);

/// One parsed CSV record (RFC 4180). `line` is the 1-based line where the record starts.
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> cells;
};

struct CsvParse {
    std::vector<CsvRecord> records;
    std::optional<std::string> error;  // set for a malformed file (unterminated quote …)
    std::size_t error_line = 0;
};

/// RFC 4180 parser: quoted fields with "" escapes and embedded newlines, CRLF or LF, an
/// optional UTF-8 BOM. Blank lines are skipped.
CsvParse ParseCsv(std::string_view text);

/// One RFC 4180 cell. Cells starting with = + - @ (or a tab / CR) are prefixed with ' so
/// that spreadsheets do not run them as formulas.
std::string CsvCell(std::string_view value);

}  // namespace store::domain
