#include "domain/inventory.hpp"

#include <algorithm>

#include "domain/store.hpp"
#include "domain/validation.hpp"

namespace store::domain {

std::string_view ToString(ItemStatus status) {
    switch (status) {
        case ItemStatus::kInStock: return "in_stock";
        case ItemStatus::kAllocated: return "allocated";
        case ItemStatus::kInstalled: return "installed";
        case ItemStatus::kRetired: return "retired";
    }
    return "in_stock";
}

std::optional<ItemStatus> ParseItemStatus(std::string_view text) {
    for (const auto status : {ItemStatus::kInStock, ItemStatus::kAllocated, ItemStatus::kInstalled,
                              ItemStatus::kRetired}) {
        if (ToString(status) == text) {
            return status;
        }
    }
    return std::nullopt;
}

bool IsValidSerial(std::string_view serial) {
    return serial.size() >= 3 && serial.size() <= 64 &&
           std::all_of(serial.begin(), serial.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '/';
           });
}

FieldErrors ValidateHardwareModel(std::string_view kind, std::string_view vendor,
                                  std::string_view model) {
    FieldErrors errors;
    if (!ParseHardwareKind(kind)) {
        errors.push_back(
            {"kind", "must be one of pos_terminal, router, switch, access_point, printer"});
    }
    // Lengths in code points, as the OpenAPI document counts them; the text ends up in CSV
    // exports and rendered device configs, so no control characters.
    for (const auto& [field, text] : {std::pair{"vendor", vendor}, std::pair{"model", model}}) {
        if (text.empty() || Utf8Length(text) > 100) {
            errors.push_back({field, "must be 1 to 100 characters long"});
        } else if (HasControlChars(text, false)) {
            errors.push_back({field, "must not contain control characters"});
        }
    }
    return errors;
}

CsvParse ParseCsv(std::string_view text) {
    CsvParse result;
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);
    }
    std::size_t line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord record;
        record.line = line;
        std::string cell;
        bool record_done = false;
        while (!record_done) {
            if (i < text.size() && text[i] == '"') {
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    if (text[i] == '"') {
                        if (i + 1 < text.size() && text[i + 1] == '"') {
                            cell += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (text[i] == '\n') {
                        ++line;
                    }
                    cell += text[i++];
                }
                if (!closed) {
                    result.error = "unterminated quoted field";
                    result.error_line = record.line;
                    return result;
                }
                if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    result.error = "unexpected character after a closing quote";
                    result.error_line = line;
                    return result;
                }
            } else {
                while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    cell += text[i++];
                }
            }
            record.cells.push_back(std::move(cell));
            cell.clear();
            if (i >= text.size()) {
                record_done = true;
            } else if (text[i] == ',') {
                ++i;
            } else {
                if (text[i] == '\r') {
                    ++i;
                }
                if (i < text.size() && text[i] == '\n') {
                    ++i;
                }
                ++line;
                record_done = true;
            }
        }
        const bool blank = record.cells.size() == 1 && record.cells[0].empty();
        if (!blank) {
            result.records.push_back(std::move(record));
        }
    }
    return result;
}

namespace {

// A plain decimal number (-73.98, +5) cannot be a formula: it is left as it is.
bool IsPlainNumber(std::string_view text) {
    std::size_t i = (text.starts_with('-') || text.starts_with('+')) ? 1 : 0;
    bool digits = false;
    bool dot = false;
    for (; i < text.size(); ++i) {
        if (text[i] >= '0' && text[i] <= '9') {
            digits = true;
        } else if (text[i] == '.' && !dot) {
            dot = true;
        } else {
            return false;
        }
    }
    return digits;
}

}  // namespace

std::string CsvCell(std::string_view value) {
    std::string cell(value);
    if (!cell.empty() && !IsPlainNumber(cell) &&
        (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
         cell[0] == '\r')) {
        cell.insert(cell.begin(), '\'');
    }
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
        return cell;
    }
    std::string quoted = "\"";
    for (const char c : cell) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

}  // namespace store::domain
