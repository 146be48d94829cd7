// Fixed .docx parts (content types, relationships, styles, settings, properties) and
// the in-memory zip writer.
#include "report/docx_parts.h"

#include <zip.h>

#include <cctype>
#include <ctime>
#include <memory>

#include "report/writer.h"
#include "report/xml.h"

namespace ntm::report::docx {

namespace {

constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

std::string iso_time(long long t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A paragraph style. `ppr` and `rpr` are the inner XML of w:pPr and w:rPr.
std::string pstyle(const std::string& id, const std::string& name, const std::string& ppr, const std::string& rpr,
                   const std::string& next = "") {
  std::string s = "<w:style w:type=\"paragraph\" w:customStyle=\"" + std::string(id.rfind("Ntm", 0) == 0 ? "1" : "0") +
                  "\" w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/><w:basedOn w:val=\"Normal\"/>";
  if (!next.empty()) s += "<w:next w:val=\"" + next + "\"/>";
  s += "<w:qFormat/><w:pPr>" + ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>\n";
  return s;
}

}  // namespace

std::string content_types(bool footnotes, int charts, bool png) {
  std::string s = kXmlDecl;
  s += "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>";
  if (png) s += "<Default Extension=\"png\" ContentType=\"image/png\"/>";
  s += ""
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
       "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
       "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>";
  s += "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>";
  if (footnotes)
    s += "<Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/>";
  for (int i = 1; i <= charts; ++i)
    s += "<Override PartName=\"/word/charts/chart" + std::to_string(i) +
         ".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>";
  s += "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
       "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
       "</Types>\n";
  return s;
}

std::string root_rels() {
  return std::string(kXmlDecl) +
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
         "</Relationships>\n";
}

std::string document_rels(bool footnotes, int charts, int images) {
  std::string s = std::string(kXmlDecl) +
                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>";
  s += std::string("<Relationship Id=\"") + kHeaderRel +
       "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>";
  if (footnotes)
    s += std::string("<Relationship Id=\"") + kFootnotesRel +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/>";
  for (int i = 1; i <= charts; ++i)
    s += "<Relationship Id=\"" + chart_rel(i) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart" +
         std::to_string(i) + ".xml\"/>";
  for (int i = 1; i <= images; ++i)
    s += "<Relationship Id=\"" + image_rel(i) +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/map" +
         std::to_string(i) + ".png\"/>";
  return s + "</Relationships>\n";
}

std::string image_drawing(int n, double width_cm, double height_cm, const std::string& description) {
  const double emu_per_cm = 360000;
  std::string cx = std::to_string(static_cast<long long>(width_cm * emu_per_cm));
  std::string cy = std::to_string(static_cast<long long>(height_cm * emu_per_cm));
  std::string id = std::to_string(1000 + n);
  return "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"60\" w:after=\"60\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing>"
         "<wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx + "\" cy=\"" + cy +
         "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"" + id + "\" name=\"Bản đồ " +
         std::to_string(n) + "\" descr=\"" + xml_escape(description) + "\"/><wp:cNvGraphicFramePr>"
         "<a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/>"
         "</wp:cNvGraphicFramePr><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
         "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
         "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"" + id +
         "\" name=\"map" + std::to_string(n) + ".png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"" +
         image_rel(n) + "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
         "<a:ext cx=\"" + cx + "\" cy=\"" + cy + "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
         "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

std::string page_header() {
  return std::string(kXmlDecl) + "<w:hdr xmlns:w=\"" + kNamespaceW +
         "\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
         "<w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>\n";
}

std::string styles() {
  const std::string tnr =
      "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>";
  std::string s = kXmlDecl;
  s += "<w:styles xmlns:w=\"" + std::string(kNamespaceW) + "\">\n";
  s += "<w:docDefaults><w:rPrDefault><w:rPr>" + tnr +
       "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>"
       "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
       "</w:pPr></w:pPrDefault></w:docDefaults>\n";
  s += "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
       "<w:rPr>" + tnr + "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\n";
  s += "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
       "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\n";
  s += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
       "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
       "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>"
       "</w:tblCellMar></w:tblPr></w:style>\n";
  const std::string body_spacing = "<w:spacing w:before=\"120\" w:after=\"0\" w:line=\"288\" w:lineRule=\"auto\"/>";
  s += pstyle("NtmBody", "NTM Body", body_spacing + "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>", "");
  const std::string heading_ppr = "<w:keepNext/><w:keepLines/><w:spacing w:before=\"160\" w:after=\"40\" w:line=\"288\" w:lineRule=\"auto\"/>";
  s += pstyle("Heading1", "heading 1", heading_ppr + "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>",
              "<w:b/><w:bCs/>", "NtmBody");
  s += pstyle("Heading2", "heading 2", heading_ppr + "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"1\"/>",
              "<w:b/><w:bCs/>", "NtmBody");
  s += pstyle("Heading3", "heading 3", heading_ppr + "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"2\"/>",
              "<w:b/><w:bCs/>", "NtmBody");
  s += pstyle("Heading4", "heading 4", heading_ppr + "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"3\"/>",
              "<w:b/><w:bCs/><w:i/><w:iCs/>", "NtmBody");
  s += pstyle("NtmTableText", "NTM Table Text", "<w:spacing w:before=\"20\" w:after=\"20\"/>",
              "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  s += pstyle("NtmTableTitle", "NTM Table Title",
              "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>");
  s += pstyle("FootnoteText", "footnote text", "<w:jc w:val=\"both\"/>", "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  s += "<w:style w:type=\"character\" w:styleId=\"FootnoteReference\"><w:name w:val=\"footnote reference\"/>"
       "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr></w:style>\n";
  s += "</w:styles>\n";
  return s;
}

std::string settings(bool footnotes) {
  std::string s = kXmlDecl;
  s += "<w:settings xmlns:w=\"" + std::string(kNamespaceW) + "\"><w:defaultTabStop w:val=\"720\"/>"
       "<w:characterSpacingControl w:val=\"doNotCompress\"/>";
  if (footnotes) s += "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>";
  s += "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
       "w:val=\"15\"/></w:compat></w:settings>\n";
  return s;
}

std::string core(const Document& doc, long long created) {
  std::string when = iso_time(created);
  std::string title = doc.header.title.empty() ? doc.header.kind : doc.header.kind + " " + doc.header.title;
  std::string creator = doc.header.issuer.empty() ? "ntm" : doc.header.issuer.back();
  return std::string(kXmlDecl) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
         "<dc:title>" + xml_escape(title) + "</dc:title><dc:creator>" + xml_escape(creator) +
         "</dc:creator><dc:language>vi-VN</dc:language>" +
         (doc.provenance.empty() ? std::string() : "<dc:description>" + xml_escape("ntm: " + doc.provenance) + "</dc:description>") +
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:created>"
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + when + "</dcterms:modified>"
         "</cp:coreProperties>\n";
}

std::string app() {
  return std::string(kXmlDecl) +
         "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>ntm</Application></Properties>\n";
}

std::string footnotes(const std::vector<std::string>& notes) {
  std::string s = kXmlDecl;
  s += "<w:footnotes xmlns:w=\"" + std::string(kNamespaceW) + "\">"
       "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
       "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\n";
  for (std::size_t i = 0; i < notes.size(); ++i) {
    s += "<w:footnote w:id=\"" + std::to_string(i + 1) + "\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>"
         "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>"
         "<w:r><w:t xml:space=\"preserve\"> " + xml_escape(notes[i]) + "</w:t></w:r></w:p></w:footnote>\n";
  }
  return s + "</w:footnotes>\n";
}

namespace {

bool is_compressed_image(const std::string& name) {
  std::size_t dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "png" || ext == "jpg" || ext == "jpeg" || ext == "gif";
}

}  // namespace

std::string zip(const std::vector<std::pair<std::string, std::string>>& parts, long long mtime) {
  auto fail = [](const std::string& what) -> WriteError {
    return WriteError("Không tạo được tệp .docx (libzip): " + what);
  };
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!src) throw fail(zip_error_strerror(&error));
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (!za) {
    zip_source_free(src);
    throw fail(zip_error_strerror(&error));
  }
  zip_source_keep(src);  // read the archive from `src` after zip_close
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> holder(src, zip_source_free);
  for (const auto& [name, bytes] : parts) {
    // libzip reads the data at zip_close; `parts` outlives that call.
    zip_source_t* s = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    zip_int64_t index = s ? zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
    if (index < 0) {
      if (s) zip_source_free(s);
      std::string msg = zip_strerror(za);
      zip_discard(za);
      throw fail(msg);
    }
    zip_file_set_mtime(za, static_cast<zip_uint64_t>(index), static_cast<time_t>(mtime), 0);
    // An image that is compressed already (our maps' PNG, a template's JPEG) is stored as it
    // is. The other parts are deflated at zlib's usual level 6, as Word writes them; libzip's
    // own default is level 9, several times the work for a part about 1 % smaller.
    bool compressed = is_compressed_image(name);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(index), compressed ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                             compressed ? 0 : 6);
  }
  if (zip_close(za) != 0) {
    std::string msg = zip_strerror(za);
    zip_discard(za);
    throw fail(msg);
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) throw fail("không đọc lại được kho nén");
  out.resize(static_cast<std::size_t>(st.size));
  zip_int64_t n = zip_source_read(src, out.data(), st.size);
  zip_source_close(src);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw fail("không đọc lại được kho nén");
  return out;
}

}  // namespace ntm::report::docx
