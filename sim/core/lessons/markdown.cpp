// parse_markdown(): md4c's callbacks fill a flat list of blocks. A small builder keeps
// the open containers (list nesting, table cell, style depth) that md4c reports as events.
#include "core/lessons/markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace hl {
namespace {

constexpr std::string_view kAnchorOpen = "{step=";

struct NamedEntity {
  std::string_view name;
  std::string_view text;
};
constexpr NamedEntity kEntities[] = {
    {"&amp;", "&"}, {"&lt;", "<"},  {"&gt;", ">"},   {"&quot;", "\""}, {"&apos;", "'"},
    {"&nbsp;", " "}, {"&rarr;", "\u2192"}, {"&larr;", "\u2190"}, {"&mdash;", "\u2014"}, {"&ndash;", "\u2013"},
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "&amp;" -> "&", "&#8594;" / "&#x2192;" -> the character; unknown names stay as written.
std::string decode_entity(std::string_view entity) {
  for (const auto& named : kEntities)
    if (named.name == entity) return std::string(named.text);
  if (entity.size() < 4 || entity[1] != '#') return std::string(entity);
  bool hex = entity[2] == 'x' || entity[2] == 'X';
  std::string digits(entity.substr(hex ? 3 : 2, entity.size() - (hex ? 4 : 3)));
  std::string out;
  append_utf8(out, static_cast<std::uint32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10)));
  return out;
}

struct ListState {
  bool ordered = false;
  int next_number = 1;
};

class Builder {
 public:
  explicit Builder(std::string_view source) : source_(source) {}

  Document take() { return std::move(doc_); }

  void enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_UL: lists_.push_back({false, 0}); break;
      case MD_BLOCK_OL: lists_.push_back({true, static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start)}); break;
      case MD_BLOCK_LI: open_list_item(); break;
      case MD_BLOCK_H: open_heading(static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level)); break;
      case MD_BLOCK_P: open_paragraph(); break;
      case MD_BLOCK_CODE: open_code(*static_cast<MD_BLOCK_CODE_DETAIL*>(detail)); break;
      case MD_BLOCK_HR: new_block(BlockKind::rule); break;
      case MD_BLOCK_HTML: in_html_ = true; break;
      case MD_BLOCK_TABLE: new_block(BlockKind::table); break;
      case MD_BLOCK_THEAD: in_table_head_ = true; break;
      case MD_BLOCK_TR: open_row(); break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: open_cell(); break;
      default: break;  // document, quote, tbody: containers with nothing of their own
    }
  }

  void leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_UL:
      case MD_BLOCK_OL: lists_.pop_back(); target_ = nullptr; break;
      case MD_BLOCK_H: close_heading(); break;
      case MD_BLOCK_HTML: in_html_ = false; break;
      case MD_BLOCK_THEAD: in_table_head_ = false; break;
      case MD_BLOCK_P:
        // A paragraph inside a list item belongs to that item; after it, text goes nowhere.
        if (!inside_item_paragraph_) target_ = nullptr;
        inside_item_paragraph_ = false;
        break;
      case MD_BLOCK_LI:
      case MD_BLOCK_CODE:
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: target_ = nullptr; break;
      default: break;
    }
  }

  void enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_EM) ++emphasis_;
    if (type == MD_SPAN_STRONG) ++strong_;
    if (type == MD_SPAN_CODE) ++code_;
    if (type == MD_SPAN_A) links_.push_back(attribute_text(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
  }

  void leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_EM) --emphasis_;
    if (type == MD_SPAN_STRONG) --strong_;
    if (type == MD_SPAN_CODE) --code_;
    if (type == MD_SPAN_A && !links_.empty()) links_.pop_back();
  }

  void text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (in_html_ || type == MD_TEXT_HTML) return;  // raw HTML (author comments) is not shown
    note_line(text);
    std::string_view raw(text, size);
    if (code_block_ != nullptr) {
      code_block_->code.append(raw);
      return;
    }
    if (type == MD_TEXT_SOFTBR) return append(" ");
    if (type == MD_TEXT_BR) return append("\n");
    if (type == MD_TEXT_NULLCHAR) return append("\uFFFD");
    if (type == MD_TEXT_ENTITY) return append(decode_entity(raw));
    append(std::string(raw));
  }

 private:
  Block& new_block(BlockKind kind) {
    code_block_ = nullptr;
    doc_.blocks.push_back(Block{});
    Block& block = doc_.blocks.back();
    block.kind = kind;
    block.anchor = current_anchor_;
    return block;
  }

  void open_list_item() {
    Block& item = new_block(BlockKind::list_item);
    item.level = static_cast<int>(lists_.size());
    if (!lists_.empty() && lists_.back().ordered) item.number = lists_.back().next_number++;
    target_ = &item.spans;
    item_index_ = doc_.blocks.size() - 1;
  }

  void open_paragraph() {
    // Loose lists wrap each item's text in a paragraph: keep it in the item.
    if (target_ != nullptr && item_index_ + 1 == doc_.blocks.size()) {
      inside_item_paragraph_ = true;
      if (!target_->empty()) append(" ");
      return;
    }
    target_ = &new_block(BlockKind::paragraph).spans;
  }

  void open_heading(int level) {
    Block& heading = new_block(BlockKind::heading);
    heading.level = level;
    target_ = &heading.spans;
  }

  void open_code(const MD_BLOCK_CODE_DETAIL& detail) {
    Block& block = new_block(BlockKind::code);
    block.language = attribute_text(detail.lang);
    code_block_ = &block;
    target_ = nullptr;
  }

  void open_row() {
    if (doc_.blocks.empty() || doc_.blocks.back().kind != BlockKind::table) return;
    doc_.blocks.back().rows.push_back(TableRow{{}, in_table_head_});
  }

  void open_cell() {
    if (doc_.blocks.empty() || doc_.blocks.back().rows.empty()) return;
    auto& cells = doc_.blocks.back().rows.back().cells;
    cells.emplace_back();
    target_ = &cells.back();
  }

  // A heading ending in `{step=REF}` starts a step section; any other heading of the
  // same or a higher level ends the open one.
  void close_heading() {
    Block& heading = doc_.blocks.back();
    target_ = nullptr;
    std::string step;
    bool anchored = take_anchor_suffix(heading.spans, step);
    if (current_anchor_ >= 0 && heading.level <= anchor_level_) current_anchor_ = -1;
    if (anchored) {
      doc_.anchors.push_back(StepAnchor{step, heading.line});
      current_anchor_ = static_cast<int>(doc_.anchors.size() - 1);
      anchor_level_ = heading.level;
    }
    heading.anchor = current_anchor_;
  }

  static bool take_anchor_suffix(std::vector<Span>& spans, std::string& out_step) {
    if (spans.empty()) return false;
    std::string& text = spans.back().text;
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::size_t open = text.rfind(kAnchorOpen);
    if (open == std::string::npos || text.empty() || text.back() != '}') return false;
    out_step = text.substr(open + kAnchorOpen.size(), text.size() - open - kAnchorOpen.size() - 1);
    while (!out_step.empty() && out_step.back() == ' ') out_step.pop_back();
    while (!out_step.empty() && out_step.front() == ' ') out_step.erase(0, 1);
    text.erase(open);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    if (text.empty()) spans.pop_back();
    return true;
  }

  void append(const std::string& text) {
    if (target_ == nullptr) return;
    Span span{text, emphasis_ > 0, strong_ > 0, code_ > 0, links_.empty() ? std::string() : links_.back()};
    if (!target_->empty()) {
      Span& last = target_->back();
      if (last.emphasis == span.emphasis && last.strong == span.strong && last.code == span.code &&
          last.link == span.link) {
        last.text += text;
        return;
      }
    }
    target_->push_back(std::move(span));
  }

  // The first text of a block tells its line: md4c passes pointers into the source.
  void note_line(const MD_CHAR* text) {
    if (doc_.blocks.empty() || doc_.blocks.back().line != 0) return;
    auto at = reinterpret_cast<std::uintptr_t>(text);
    auto begin = reinterpret_cast<std::uintptr_t>(source_.data());
    if (at < begin || at > begin + source_.size()) return;  // entity replacements live elsewhere
    auto offset = static_cast<std::size_t>(at - begin);
    doc_.blocks.back().line = 1 + static_cast<int>(std::count(source_.begin(), source_.begin() + offset, '\n'));
  }

  static std::string attribute_text(const MD_ATTRIBUTE& attribute) {
    if (attribute.text == nullptr) return {};
    return std::string(attribute.text, attribute.size);
  }

  std::string_view source_;
  Document doc_;
  std::vector<ListState> lists_;
  std::vector<std::string> links_;
  std::vector<Span>* target_ = nullptr;  // where text goes now
  Block* code_block_ = nullptr;
  std::size_t item_index_ = static_cast<std::size_t>(-1);
  bool inside_item_paragraph_ = false;
  bool in_html_ = false;
  bool in_table_head_ = false;
  int emphasis_ = 0, strong_ = 0, code_ = 0;
  int current_anchor_ = -1;
  int anchor_level_ = 0;
};

Builder& builder(void* userdata) { return *static_cast<Builder*>(userdata); }

}  // namespace

Document parse_markdown(std::string_view markdown) {
  Builder b(markdown);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOINDENTEDCODEBLOCKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return builder(u).enter_block(t, d), 0; };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return builder(u).leave_block(t), 0; };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return builder(u).enter_span(t, d), 0; };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return builder(u).leave_span(t), 0; };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return builder(u).text(t, s, n), 0; };
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &b);
  return b.take();
}

std::string plain_text(const std::vector<Span>& spans) {
  std::string out;
  for (const auto& span : spans) out += span.text;
  return out;
}

std::string_view lesson_link_id(std::string_view link) {
  constexpr std::string_view kScheme = "lesson:";
  if (link.substr(0, kScheme.size()) != kScheme) return {};
  return link.substr(kScheme.size());
}

}  // namespace hl
