// Parsing `STEP:PATH=VALUE`: each part checked on its own, failures returned early.
#include "core/edit/edit_spec.hpp"

#include <charconv>

#include "core/edit/field_path.hpp"

namespace hl::edit {
namespace {

constexpr std::string_view kForm = "STEP:PATH=VALUE or STEP:OFFSET=HEX (e.g. 1:cipher_suites[0]=TLS_AES_128_GCM_SHA256)";
constexpr std::size_t kMaxNumberLen = 9;  // steps and offsets stay far below 10^9

// A decimal number of at most kMaxNumberLen digits, nothing else.
bool read_number(std::string_view text, std::size_t& out_value) {
  if (text.empty() || text.size() > kMaxNumberLen) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out_value);
  return error == std::errc() && end == text.data() + text.size();
}

bool is_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

bool parse_edit_spec(std::string_view text, EditSpec& out_spec, std::string& out_error) {
  const std::string quoted = "'" + std::string(text.substr(0, 80)) + (text.size() > 80 ? "...'" : "'");
  const std::size_t colon = text.find(':');
  const std::size_t equals = text.find('=', colon == std::string_view::npos ? 0 : colon);
  if (colon == std::string_view::npos || equals == std::string_view::npos)
    return out_error = "edit " + quoted + " is not " + std::string(kForm), false;
  EditSpec spec;
  if (!read_number(text.substr(0, colon), spec.step) || spec.step == 0)
    return out_error = "edit " + quoted + ": the step must be a number from 1, before the ':'", false;
  const std::string_view target = text.substr(colon + 1, equals - colon - 1);
  spec.value = std::string(text.substr(equals + 1));
  if (spec.value.size() > kMaxEditValueLen)
    return out_error = "edit " + quoted + ": the value is longer than any record (" + std::to_string(spec.value.size()) +
                       " characters)", false;
  if (target.empty()) return out_error = "edit " + quoted + ": no field or offset between ':' and '='", false;
  if (is_digits(target)) {
    std::size_t offset = 0;
    if (!read_number(target, offset)) return out_error = "edit " + quoted + ": the offset is too large", false;
    spec.offset = offset;
  } else {
    std::string error;
    if (!check_path_syntax(target, error)) return out_error = "edit " + quoted + ": " + error, false;
    spec.path = std::string(target);
  }
  out_spec = std::move(spec);
  return true;
}

std::string edit_spec_text(const EditSpec& spec) {
  const std::string target = spec.offset ? std::to_string(*spec.offset) : spec.path;
  return std::to_string(spec.step) + ":" + target + "=" + spec.value;
}

}  // namespace hl::edit
