// Where a long identifier (a key log label, a host name) may break across lines: after an
// underscore or a dot, never mid-word, so "SERVER_HANDSHAKE_TRAFFIC_SECRET" never reads "…SEC / RET".
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace hl::app {

/// Splits `text` into lines no wider than `width` (as `measure` gives widths), breaking only after
/// '_' or '.'; a piece between two break points that is wider than `width` stays whole on its own line.
std::vector<std::string> identifier_lines(const std::string& text, float width,
                                          const std::function<float(const std::string&)>& measure);

/// Lines for a field value no wider than `width`: words wrap at spaces, a word too wide for a line
/// breaks after '_' or '.' (as identifier_lines), and a run of hex digits, which has no words to
/// keep whole, breaks anywhere. A line is wider than `width` only when one unbreakable piece is:
/// the caller ends it in an ellipsis and shows the whole value as a tooltip.
std::vector<std::string> value_lines(const std::string& text, float width,
                                     const std::function<float(const std::string&)>& measure);

}  // namespace hl::app
