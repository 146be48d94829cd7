#!/usr/bin/env python3
"""Writes scripts/word/bao-cao-tom-tat.docx: an example of an office's own Word template for
`ntm report annual --template`. The XML is written by hand, as Word would save it: one
placeholder is split across two runs ({{so_xa_ + dat_chuan}}), a table row repeats per
criterion ({{tieu_chi.*}}), the header and footer hold placeholders too.
Usage: tools/make-example-template.py [OUT.docx]"""
import os
import sys
import zipfile

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def p(text, style=None, jc=None, bold=False):
    ppr = ''
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if jc:
        ppr += '<w:jc w:val="%s"/>' % jc
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return '<w:p>%s<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        '<w:pPr>%s</w:pPr>' % ppr if ppr else '', rpr, text)


def cell(text, width, bold=False):
    rpr = '<w:rPr><w:b/></w:rPr>' if bold else ''
    return ('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr><w:p><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>'
            % (width, rpr, text))


def row(cells):
    return '<w:tr>' + ''.join(cells) + '</w:tr>'


widths = [800, 4600, 1800, 1800]
borders = ''.join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>' % s
                  for s in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'))
table = ('<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders>%s</w:tblBorders></w:tblPr><w:tblGrid>%s</w:tblGrid>'
         % (borders, ''.join('<w:gridCol w:w="%d"/>' % w for w in widths))
         + row([cell(t, w, True) for t, w in zip(['TT', 'Tiêu chí', 'Số xã đạt', 'Tỷ lệ'], widths)])
         + row([cell(t, w) for t, w in zip(['{{tieu_chi.so}}', '{{tieu_chi.ten}}', '{{tieu_chi.so_xa_dat}}', '{{tieu_chi.ty_le}}'], widths)])
         + '</w:tbl>')

body = (
    p('{{co_quan}}', jc='center', bold=True)
    + p('BÁO CÁO TÓM TẮT', style='Title', jc='center')
    + p('Kết quả xây dựng nông thôn mới năm {{nam}} – tỉnh {{tinh}}', jc='center', bold=True)
    # The placeholder {{so_xa_dat_chuan}} split across two runs, as Word does after an edit.
    + '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t xml:space="preserve">Đến hết năm {{nam}}, toàn tỉnh có </w:t></w:r>'
      '<w:r><w:rPr><w:b/></w:rPr><w:t>{{so_xa_</w:t></w:r><w:proofErr w:type="spellStart"/>'
      '<w:r><w:rPr><w:b/></w:rPr><w:t>dat_chuan}}</w:t></w:r><w:proofErr w:type="spellEnd"/>'
      '<w:r><w:t xml:space="preserve">/{{so_xa}} xã đạt chuẩn nông thôn mới ({{ty_le_dat_chuan}}); số tiêu chí bình quân đạt {{binh_quan_tieu_chi}} tiêu chí/xã.</w:t></w:r></w:p>'
    + p('Kết quả thực hiện từng tiêu chí:', style='BodyText')
    + table
    + p('Văn bản này giữ nguyên kiểu chữ, đầu trang và chân trang của mẫu; chỉ các chỗ đặt tên trường trong hai cặp ngoặc nhọn được điền.', style='BodyText')
    + '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:footerReference w:type="default" r:id="rId4"/>'
      '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
)

parts = {
    '[Content_Types].xml': DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '</Types>\n',
    '_rels/.rels': DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>\n',
    'word/_rels/document.xml.rels': DECL + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '</Relationships>\n',
    'word/document.xml': DECL + '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s</w:body></w:document>\n' % (W, R, body),
    'word/styles.xml': DECL + '<w:styles xmlns:w="%s"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:lang w:val="vi-VN"/>'
    '</w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:color w:val="1F4E79"/><w:sz w:val="32"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:spacing w:before="120" w:after="60"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style>'
    '</w:styles>\n' % W,
    'word/header1.xml': DECL + '<w:hdr xmlns:w="%s">%s</w:hdr>\n' % (W, p('Văn phòng Điều phối nông thôn mới tỉnh {{tinh}}', jc='right')),
    'word/footer1.xml': DECL + '<w:ftr xmlns:w="%s">%s</w:ftr>\n' % (W, p('Báo cáo tóm tắt năm {{nam}} – số liệu tính bằng ntm', jc='center')),
}

here = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'scripts', 'word', 'bao-cao-tom-tat.docx')
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2020, 12, 31, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode('utf-8'))
print('wrote', out)
