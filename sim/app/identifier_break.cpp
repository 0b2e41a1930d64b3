#include "app/identifier_break.hpp"

#include <algorithm>
#include <cctype>

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

// Hex digits (and the ':' some values put between bytes) carry no words a break could split.
bool is_hex_run(const std::string& word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == ':'; });
}

// Splits a hex run into lines of as many characters as fit; widths are summed per character,
// so a long key costs one measure per character, not one per prefix.
std::vector<std::string> hex_lines(const std::string& word, float width,
                                   const std::function<float(const std::string&)>& measure) {
  std::vector<std::string> lines;
  std::string line;
  float line_w = 0;
  for (char c : word) {
    const float c_w = measure(std::string(1, c));
    if (!line.empty() && line_w + c_w > width) lines.push_back(std::move(line)), line.clear(), line_w = 0;
    line += c;
    line_w += c_w;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// The space-separated words of one line of text.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return words;
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

std::vector<std::string> value_lines(const std::string& text, float width,
                                     const std::function<float(const std::string&)>& measure) {
  std::vector<std::string> lines;
  std::string line;
  for (const std::string& word : words_of(text)) {
    const std::string joined = line.empty() ? word : line + ' ' + word;
    if (measure(joined) <= width) {
      line = joined;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line)), line.clear();
    if (measure(word) <= width) {
      line = word;
      continue;
    }
    std::vector<std::string> pieces = is_hex_run(word) ? hex_lines(word, width, measure)
                                                       : identifier_lines(word, width, measure);
    line = std::move(pieces.back());
    pieces.pop_back();
    for (std::string& piece : pieces) lines.push_back(std::move(piece));
  }
  if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace hl::app
