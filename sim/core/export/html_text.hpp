// Text into HTML: the one escaping every HTML exporter uses.
#pragma once

#include <string>
#include <string_view>

namespace hl {

/// text with & < > " ' replaced by entities: safe as element content and as a quoted attribute value.
std::string html_escape(std::string_view text);

}  // namespace hl
