// A faster writer of nlohmann JSON values as text, byte-identical to `value.dump(indent)`.
// nlohmann's serializer checks every byte of every string through its UTF-8 state machine; trace
// strings are mostly long hex and ASCII names, so this writer copies ASCII runs whole and hands
// anything else (a non-ASCII string, a float) to nlohmann itself. Used where a capture's traces
// are written by the megabyte (capture_json.cpp); tests compare it with dump() on real traces.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

namespace hl {

/// Appends `value` as dump(indent) writes it, as if it sat `depth` levels deep (its inner lines
/// indented by indent * (depth + 1) spaces). indent < 0: compact, as dump() with no indent.
void append_json(std::string& out, const nlohmann::json& value, int indent, int depth = 0);

/// Appends `text` as a JSON string, exactly as dump() writes it.
void append_json_string(std::string& out, const std::string& text);

/// Appends a line break and the indentation of `depth` levels (nothing when compact).
void append_json_line(std::string& out, int indent, int depth);

/// Appends a JSON array of `count` elements as append_json() lays one out, each element appended by
/// `element(out, i, depth)` as if it sat `depth` levels deep.
void append_json_array(std::string& out, std::size_t count, int indent, int depth,
                       const std::function<void(std::string& out, std::size_t i, int depth)>& element);

/// A member the caller writes itself: its key, and a writer that appends its value as if it sat
/// `depth` levels deep.
struct SplicedMember {
  std::string_view key;
  std::function<void(std::string& out, int depth)> write;
};

/// Appends `object` (a JSON object) as append_json() would, with `spliced` merged in by key order
/// as std::map orders them; a spliced key the object also has replaces the object's own value.
/// `spliced` must be sorted by key.
void append_json_object(std::string& out, const nlohmann::json& object, int indent, int depth,
                        std::span<const SplicedMember> spliced);

}  // namespace hl
