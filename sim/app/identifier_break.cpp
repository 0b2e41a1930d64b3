#include "app/identifier_break.hpp"

namespace hl::app {
namespace {

// The pieces of `text` that may not be split: each ends just after a '_' or '.', or at the end.
std::vector<std::string> unbreakable_pieces(const std::string& text) {
  std::vector<std::string> pieces;
  std::string piece;
  for (char c : text) {
    piece += c;
    if (c == '_' || c == '.') pieces.push_back(std::move(piece)), piece.clear();
  }
  if (!piece.empty()) pieces.push_back(std::move(piece));
  return pieces;
}

}  // namespace

std::vector<std::string> identifier_lines(const std::string& text, float width,
                                          const std::function<float(const std::string&)>& measure) {
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& piece : unbreakable_pieces(text)) {
    if (!line.empty() && measure(line + piece) > width) lines.push_back(std::move(line)), line.clear();
    line += piece;
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace hl::app
