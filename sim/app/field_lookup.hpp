// Linking fields and bytes: a field's path in its tree, the byte range it covers, and the
// deepest field under a byte. Pure logic over hl::Field trees, shared by the tree and hex views.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/field.hpp"

namespace hl::app {

/// Child indices from a root list down to one field: {2, 0} = roots[2].children[0].
using FieldPath = std::vector<std::uint16_t>;

/// A half-open byte range [offset, offset + length).
struct ByteRange {
  std::size_t offset = 0;
  std::size_t length = 0;
  /// Whether byte lies in the range.
  bool contains(std::size_t byte) const { return byte >= offset && byte - offset < length; }
  bool operator==(const ByteRange&) const = default;
};

/// The field at path, or nullptr when the path does not lead anywhere in roots.
const Field* field_at_path(const std::vector<Field>& roots, const FieldPath& path);

/// The byte range of the field at path; nullopt when the path is invalid.
std::optional<ByteRange> range_of(const std::vector<Field>& roots, const FieldPath& path);

/// Path to the deepest (most specific) field whose range contains byte; nullopt when none does.
std::optional<FieldPath> deepest_field_at(const std::vector<Field>& roots, std::size_t byte);

/// True when ancestor is a strict prefix of path (the tree must open it to show path).
bool is_ancestor(const FieldPath& ancestor, const FieldPath& path);

/// One coloured run for the hex view: a leaf field's bytes and a palette slot.
struct ColouredRange {
  ByteRange range;
  int colour = 0;  // 0..num_colours-1; neighbouring leaves get different slots
};

/// Every non-empty leaf, in byte order, each given a palette slot that differs from the
/// previous leaf's. Computed once per decoded step, not per frame.
std::vector<ColouredRange> leaf_colours(const std::vector<Field>& roots, int num_colours);

}  // namespace hl::app
