// The lesson body as a small document model: what md4c finds in the Markdown, flattened
// into blocks of styled spans that any renderer (the ImGui lesson pane, a test) can walk.
// Core never includes ImGui: the app draws this model.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hl {

/// A run of text with one style. Links keep their target; `lesson:ID` targets another lesson.
struct Span {
  std::string text;
  bool emphasis = false;
  bool strong = false;
  bool code = false;
  std::string link;  // empty: not a link; "lesson:imaps-993" or an URL

  bool operator==(const Span&) const = default;
};

/// What a block is.
enum class BlockKind { heading, paragraph, list_item, code, rule, table };

/// One table row: its cells, each a run of spans.
struct TableRow {
  std::vector<std::vector<Span>> cells;
  bool header = false;
};

/// One block of the body, in document order.
struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;            // heading: 1..6; list_item: nesting depth from 1
  int number = 0;           // list_item in an ordered list: its number; 0 for bullets
  std::vector<Span> spans;  // heading, paragraph, list_item
  std::string code;         // code: the text, lines ending in '\n'
  std::string language;     // code: the fence's info word, may be empty
  std::vector<TableRow> rows;  // table
  int anchor = -1;          // index into Document::anchors when the block belongs to a step section
  int line = 0;             // 1-based line in the body where the block's text starts (0 if unknown)
};

/// A body section tied to a step, written as a heading ending in `{step=REF}` (anchors.hpp resolves REF to types).
/// It covers the heading and every block up to the next heading of the same or a higher level.
struct StepAnchor {
  std::string step;  // the step reference it is shown for: "ClientHello", "client: Finished", "STARTTLS"
  int line = 0;      // line of its heading in the body (1-based)
};

/// A parsed lesson body.
struct Document {
  std::vector<Block> blocks;
  std::vector<StepAnchor> anchors;
};

/// Parses Markdown (CommonMark plus tables) into the document model. Never throws on odd
/// input: md4c accepts any text; raw HTML is kept as plain text.
Document parse_markdown(std::string_view markdown);

/// The text of a run of spans without styling (for tests, search and tooltips).
std::string plain_text(const std::vector<Span>& spans);

/// The lesson id of a `lesson:ID` link target, or an empty view for any other target.
std::string_view lesson_link_id(std::string_view link);

}  // namespace hl
