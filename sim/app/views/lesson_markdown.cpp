// [SECTION] Word layout: styled words placed left to right, wrapped at the content width
// [SECTION] Blocks: headings, paragraphs, list items, code, rules, tables
#include "app/views/lesson_markdown.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/lessons/glossary.hpp"

namespace hl::app {
namespace {

// [SECTION] Word layout -------------------------------------------------------------------

struct WordStyle {
  ImFont* font = nullptr;
  float size = 0;
  ImU32 colour = 0;
  bool bold = false;        // faux bold: the text drawn twice, one pixel apart
  bool code = false;        // a tinted box behind the word
  const std::string* link = nullptr;
};

// Places words on lines inside [left, right); draws them and reports clicks on links.
class WordLayout {
 public:
  WordLayout() {
    origin_ = ImGui::GetCursorScreenPos();
    left_ = origin_.x;
    right_ = left_ + std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 4);
    pen_ = origin_;
  }

  // Splits text into words (each keeps its trailing spaces) and places them. Inline code
  // stays in one piece when it fits on a line, so `a2 STARTTLS` reads as one box.
  void text(const std::string& text, const WordStyle& style) {
    hits_ = find_glossary_terms(text);  // glossary terms get a dotted underline and their definition on hover
    text_ = &text;
    if (style.code && text.find('\n') == std::string::npos &&
        style.font->CalcTextSizeA(style.size, 1e9f, 0, text.c_str()).x <= right_ - left_) {
      return word(text.data(), text.data() + text.size(), style);
    }
    std::size_t start = 0;
    while (start < text.size()) {
      if (text[start] == '\n') {
        new_line(style);
        ++start;
        continue;
      }
      std::size_t end = text.find_first_of(" \n", start);
      if (end == std::string::npos) end = text.size();
      while (end < text.size() && text[end] == ' ') ++end;
      word(text.data() + start, text.data() + end, style);
      start = end;
    }
  }

  // Reserves the space used so ImGui's layout continues below.
  void finish() {
    float height = pen_.y - origin_.y + line_h_;
    ImGui::SetCursorScreenPos(origin_);
    ImGui::Dummy(ImVec2(right_ - left_, std::max(height, 1.0f)));
  }

  const std::string& clicked() const { return clicked_; }

 private:
  void new_line(const WordStyle& style) {
    pen_.x = left_;
    pen_.y += std::max(line_h_, style.size * 1.25f);
    line_h_ = 0;
  }

  void word(const char* begin, const char* end, const WordStyle& style) {
    const char* visible_end = end;
    while (visible_end > begin && visible_end[-1] == ' ') --visible_end;
    const float visible_w = style.font->CalcTextSizeA(style.size, 1e9f, 0, begin, visible_end).x;
    const float full_w = style.font->CalcTextSizeA(style.size, 1e9f, 0, begin, end).x;
    if (pen_.x > left_ && pen_.x + visible_w > right_) new_line(style);
    if (pen_.x == left_ && begin == visible_end) return;  // no spaces at the start of a line
    line_h_ = std::max(line_h_, style.size * 1.25f);
    draw(begin, visible_end, visible_w, style);
    pen_.x += full_w;
  }

  void draw(const char* begin, const char* end, float width, const WordStyle& style) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 size(width, style.size);
    if (style.code) {
      const float pad = style.size * 0.15f;
      list->AddRectFilled(ImVec2(pen_.x - pad, pen_.y), ImVec2(pen_.x + width + pad, pen_.y + size.y + pad),
                          ui::palette().note_bg, pad);
    }
    ImU32 colour = style.colour;
    if (style.link != nullptr) {
      ImGui::SetCursorScreenPos(pen_);
      ImGui::PushID(static_cast<int>(num_links_++));
      if (ImGui::InvisibleButton("##link", ImVec2(std::max(width, 1.0f), size.y))) clicked_ = *style.link;
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      if (hovered) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (lesson_link_id(*style.link).empty()) ImGui::SetTooltip("%s", style.link->c_str());
      }
      list->AddLine(ImVec2(pen_.x, pen_.y + size.y), ImVec2(pen_.x + width, pen_.y + size.y), colour,
                    hovered ? 2.0f : 1.0f);
    }
    list->AddText(style.font, style.size, pen_, colour, begin, end);
    if (style.bold) list->AddText(style.font, style.size, ImVec2(pen_.x + 1, pen_.y), colour, begin, end);
    if (style.link == nullptr) mark_glossary_term(begin, end, width, style);
  }

  // A word inside a glossary term: dotted underline; hovering shows the term's definition.
  void mark_glossary_term(const char* begin, const char* end, float width, const WordStyle& style) {
    const std::size_t at = static_cast<std::size_t>(begin - text_->data());
    const std::size_t word_end = static_cast<std::size_t>(end - text_->data());
    auto hit = std::find_if(hits_.begin(), hits_.end(),
                            [&](const GlossaryHit& h) { return h.offset < word_end && at < h.offset + h.length; });
    if (hit == hits_.end()) return;
    ImDrawList* list = ImGui::GetWindowDrawList();
    const float y = pen_.y + style.size + 1;
    const float dash = std::max(2.0f, style.size * 0.12f);
    for (float x = pen_.x; x < pen_.x + width; x += 2 * dash)
      list->AddLine(ImVec2(x, y), ImVec2(std::min(x + dash, pen_.x + width), y), ui::palette().dim_text, 1.0f);
    const ImVec2 corner(pen_.x + width, pen_.y + style.size);
    if (!ImGui::IsWindowHovered() || !ImGui::IsMouseHoveringRect(pen_, corner)) return;
    ui::glossary_tooltip({hit->entry});
  }

  ImVec2 origin_, pen_;
  float left_ = 0, right_ = 0, line_h_ = 0;
  std::size_t num_links_ = 0;
  std::string clicked_;
  const std::string* text_ = nullptr;  // the span being placed, and the glossary terms in it
  std::vector<GlossaryHit> hits_;
};

WordStyle span_style(const Span& span, ImFont* base_font, float size, bool base_bold) {
  const auto& colours = ui::palette();
  WordStyle style;
  style.font = span.code ? ui::fonts().mono : base_font;
  style.size = size;
  style.colour = colours.text;
  style.bold = base_bold || span.strong;
  style.code = span.code;
  if (span.emphasis) style.colour = colours.server;
  if (!span.link.empty()) {
    style.colour = colours.client;
    style.link = &span.link;
  }
  return style;
}

std::string layout_spans(const std::vector<Span>& spans, ImFont* font, float size, bool bold, LinkMark mark,
                         const void* user) {
  WordLayout layout;
  for (const auto& span : spans) {
    layout.text(span.text, span_style(span, font, size, bold));
    auto id = lesson_link_id(span.link);
    if (mark == nullptr || id.empty()) continue;
    std::string suffix = mark(std::string(id), user);
    if (suffix.empty()) continue;
    WordStyle dim{font, size * 0.85f, ui::palette().ok, false, false, nullptr};
    layout.text(" " + suffix, dim);
  }
  layout.finish();
  return layout.clicked();
}

// [SECTION] Blocks ------------------------------------------------------------------------

std::string draw_heading(const Block& block, LinkMark mark, const void* user) {
  ImGui::Spacing();
  const float size = ImGui::GetFontSize() * (block.level <= 1 ? 1.35f : block.level == 2 ? 1.15f : 1.0f);
  return layout_spans(block.spans, ui::fonts().heading, size, false, mark, user);
}

std::string draw_list_item(const Block& block, LinkMark mark, const void* user) {
  const float indent = ImGui::GetFontSize() * 1.2f * static_cast<float>(block.level);
  const std::string bullet = block.number > 0 ? std::to_string(block.number) + "." : "\u2022";
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x + indent - ImGui::GetFontSize() * 0.9f, pos.y), ui::palette().dim_text,
                                      bullet.c_str());
  ImGui::Indent(indent);
  std::string clicked = layout_spans(block.spans, ui::fonts().text, ImGui::GetFontSize(), false, mark, user);
  ImGui::Unindent(indent);
  return clicked;
}

void draw_code(const Block& block) {
  const auto& colours = ui::palette();
  ImGui::PushFont(ui::fonts().mono);
  const ImVec2 text_size = ImGui::CalcTextSize(block.code.c_str());
  const float pad = ImGui::GetFontSize() * 0.4f;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, text_size.x + 2 * pad);
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + text_size.y + pad), colours.note_bg,
                                            pad * 0.5f);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad * 0.5f));
  std::string text = block.code;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  ImGui::PushStyleColor(ImGuiCol_Text, colours.text);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, pad * 0.5f));
}

std::string draw_table(const Block& block, LinkMark mark, const void* user) {
  if (block.rows.empty()) return {};
  const int num_columns = static_cast<int>(block.rows.front().cells.size());
  if (num_columns == 0) return {};
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  std::string clicked;
  ImGui::PushID(&block);
  if (ImGui::BeginTable("##table", num_columns, flags)) {
    for (const auto& row : block.rows) {
      ImGui::TableNextRow();
      for (int c = 0; c < num_columns && c < static_cast<int>(row.cells.size()); ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::PushID(c);
        std::string hit = layout_spans(row.cells[static_cast<std::size_t>(c)], ui::fonts().text, ImGui::GetFontSize(),
                                       row.header, mark, user);
        if (!hit.empty()) clicked = hit;
        ImGui::PopID();
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  return clicked;
}

std::string draw_any_block(const Block& block, LinkMark mark, const void* user) {
  switch (block.kind) {
    case BlockKind::heading: return draw_heading(block, mark, user);
    case BlockKind::list_item: return draw_list_item(block, mark, user);
    case BlockKind::code: draw_code(block); return {};
    case BlockKind::rule: ImGui::Separator(); return {};
    case BlockKind::table: return draw_table(block, mark, user);
    case BlockKind::paragraph: break;
  }
  std::string clicked = layout_spans(block.spans, ui::fonts().text, ImGui::GetFontSize(), false, mark, user);
  ImGui::Spacing();
  return clicked;
}

}  // namespace

std::string draw_document(const Document& doc, BlockFilter filter, LinkMark mark, const void* user, bool skip_title) {
  std::string clicked;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    if (block.anchor != filter.anchor) continue;
    if (skip_title && i == 0 && block.kind == BlockKind::heading && block.level == 1) continue;
    ImGui::PushID(static_cast<int>(i));
    std::string hit = draw_any_block(block, mark, user);
    if (!hit.empty()) clicked = hit;
    ImGui::PopID();
  }
  return clicked;
}

std::string draw_block(const Block& block, LinkMark mark, const void* user) {
  return draw_any_block(block, mark, user);
}

std::string draw_spans(const std::vector<Span>& spans, LinkMark mark, const void* user) {
  return layout_spans(spans, ui::fonts().text, ImGui::GetFontSize(), false, mark, user);
}

}  // namespace hl::app
