#include "app/field_lookup.hpp"

#include <algorithm>

namespace hl::app {
namespace {

void collect_leaves(const std::vector<Field>& fields, std::vector<ByteRange>& out_leaves) {
  for (const auto& field : fields) {
    if (field.children.empty()) {
      if (field.length > 0) out_leaves.push_back({field.offset, field.length});
      continue;
    }
    collect_leaves(field.children, out_leaves);
  }
}

}  // namespace

const Field* field_at_path(const std::vector<Field>& roots, const FieldPath& path) {
  const std::vector<Field>* level = &roots;
  const Field* field = nullptr;
  for (auto index : path) {
    if (index >= level->size()) return nullptr;
    field = &(*level)[index];
    level = &field->children;
  }
  return field;
}

std::optional<ByteRange> range_of(const std::vector<Field>& roots, const FieldPath& path) {
  const Field* field = field_at_path(roots, path);
  if (field == nullptr) return std::nullopt;
  return ByteRange{field->offset, field->length};
}

std::optional<FieldPath> deepest_field_at(const std::vector<Field>& roots, std::size_t byte) {
  FieldPath path;
  const std::vector<Field>* level = &roots;
  for (;;) {
    // Prefer the last match: a later sibling that starts at this byte is the more specific one.
    std::optional<std::size_t> hit;
    for (std::size_t i = 0; i < level->size(); ++i) {
      const Field& field = (*level)[i];
      if (ByteRange{field.offset, field.length}.contains(byte)) hit = i;
    }
    if (!hit) break;
    path.push_back(static_cast<std::uint16_t>(*hit));
    level = &(*level)[*hit].children;
  }
  if (path.empty()) return std::nullopt;
  return path;
}

bool is_ancestor(const FieldPath& ancestor, const FieldPath& path) {
  return ancestor.size() < path.size() && std::equal(ancestor.begin(), ancestor.end(), path.begin());
}

std::vector<ColouredRange> leaf_colours(const std::vector<Field>& roots, int num_colours) {
  std::vector<ByteRange> leaves;
  collect_leaves(roots, leaves);
  std::stable_sort(leaves.begin(), leaves.end(), [](auto& a, auto& b) { return a.offset < b.offset; });
  std::vector<ColouredRange> coloured;
  coloured.reserve(leaves.size());
  int colour = 0;
  for (const auto& leaf : leaves) {
    coloured.push_back({leaf, num_colours > 0 ? colour % num_colours : 0});
    ++colour;
  }
  return coloured;
}

}  // namespace hl::app
