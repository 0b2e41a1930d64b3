// Helpers shared by the wire tests: hex and file loading, field lookup, and the
// full-coverage check (every byte under a leaf, children tiling their parent).
#pragma once

#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <cctype>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/model/field.hpp"

namespace hl::test {

inline std::vector<std::uint8_t> from_hex(const std::string& text) {
  std::vector<std::uint8_t> bytes;
  std::string digits;
  for (char ch : text) {
    if (std::isxdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
  }
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2) bytes.push_back(std::stoi(digits.substr(i, 2), nullptr, 16));
  return bytes;
}

inline std::vector<std::uint8_t> read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::uint8_t> read_hex_file(const std::string& path) {
  std::ifstream in(path);
  return from_hex({std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()});
}

/// Depth-first first field with this name (nullptr if none).
inline const Field* find_field(const std::vector<Field>& fields, const std::string& name) {
  for (const auto& field : fields) {
    if (field.name == name) return &field;
    if (const Field* inner = find_field(field.children, name)) return inner;
  }
  return nullptr;
}

/// Depth-first first field with this name; a missing field fails the test case instead of
/// crashing it on a null pointer.
inline const Field& require_field(const std::vector<Field>& fields, const std::string& name) {
  const Field* found = find_field(fields, name);
  if (found == nullptr) FAIL("no field named " << name);
  return *found;
}

/// Every field with this name, depth first.
inline std::vector<const Field*> find_all(const std::vector<Field>& fields, const std::string& name) {
  std::vector<const Field*> found;
  std::function<void(const std::vector<Field>&)> walk = [&](const std::vector<Field>& list) {
    for (const auto& field : list) {
      if (field.name == name) found.push_back(&field);
      walk(field.children);
    }
  };
  walk(fields);
  return found;
}

inline std::size_t count_malformed(const std::vector<Field>& fields) {
  std::size_t count = 0;
  for (const auto& field : fields) count += (field.malformed ? 1 : 0) + count_malformed(field.children);
  return count;
}

/// "" when `fields` tile [begin, end) exactly and every node's children tile the node; else what is wrong.
inline std::string coverage_error(const std::vector<Field>& fields, std::size_t begin, std::size_t end,
                                  const std::string& where = "top") {
  std::size_t at = begin;
  for (const auto& field : fields) {
    if (field.offset != at)
      return where + ": '" + field.name + "' starts at " + std::to_string(field.offset) + ", expected " +
             std::to_string(at);
    if (!field.children.empty()) {
      std::string inner = coverage_error(field.children, field.offset, field.offset + field.length, field.name);
      if (!inner.empty()) return inner;
    }
    at += field.length;
  }
  if (at != end) return where + ": fields end at " + std::to_string(at) + ", expected " + std::to_string(end);
  return "";
}

}  // namespace hl::test
