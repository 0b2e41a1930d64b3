#include "core/crypto/keylog.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace hl::crypto {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<Bytes> from_hex(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  Bytes out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = hex_digit(text[i]);
    const int low = hex_digit(text[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(high * 16 + low));
  }
  return out;
}

// The whitespace-separated words of `line` (views into it); a key log line has exactly three.
std::vector<std::string_view> words(std::string_view line) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  std::vector<std::string_view> out;
  for (std::size_t start = line.find_first_not_of(kSpace); start != std::string_view::npos;) {
    const std::size_t end = std::min(line.find_first_of(kSpace, start), line.size());
    out.push_back(line.substr(start, end - start));
    start = line.find_first_not_of(kSpace, end);
  }
  return out;
}

}  // namespace

std::optional<KeyLogEntry> parse_keylog_line(const std::string& line) {
  const std::vector<std::string_view> parts = words(line);
  if (parts.size() != 3 || parts[0].starts_with("#")) return std::nullopt;
  const std::string label(parts[0]);
  auto random = from_hex(parts[1]);
  auto secret = from_hex(parts[2]);
  if (!random || !secret || (random->size() != 32 && !(label == "RSA" && random->size() == 8)) || secret->empty()) return std::nullopt;
  KeyLogEntry entry;
  entry.label = label;
  entry.client_random = std::move(*random);
  entry.secret = std::move(*secret);
  return entry;
}

std::vector<KeyLogEntry> keylog_entries(const Transcript& transcript, const Bytes& client_random, int connection) {
  const auto wanted = [&](const KeyLogEntry& e) { return e.client_random == client_random || e.label == "RSA"; };
  // Each side's secret events say who logged what; Transcript::keylog adds any line no event carries.
  std::vector<KeyLogEntry> entries;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    for (const EventPart& part : step.parts) {  // a grouped step holds several secrets
      if (part.kind != EventKind::secret) continue;
      seen.insert(part.keylog_line);
      auto entry = parse_keylog_line(part.keylog_line);
      if (!entry || !wanted(*entry) || step.connection != connection) continue;
      entry->step = i + 1;
      entry->side = step.from;
      entries.push_back(std::move(*entry));
    }
  }
  for (const auto& line : transcript.keylog) {
    if (seen.count(line)) continue;  // each line is parsed once
    auto entry = parse_keylog_line(line);
    if (entry && wanted(*entry)) entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace hl::crypto
