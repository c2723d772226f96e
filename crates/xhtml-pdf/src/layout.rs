//! Page model and document flow: page geometry, the [`Flow`] state shared by
//! the block layouters ([`super::blocks`], [`super::table`], [`super::chart`]),
//! page breaks, bookmarks and the running header/footer pass.

use super::blocks;
use super::chart;
use super::dom::{Block, Document, Span, mm};
use super::error::PdfError;
use super::fonts::Fonts;
use super::hyphen::Hyphenation;
use super::running;
use super::style::{self, Rgb};
use super::table::{self, TableTrace};
use super::tags::{ROOT, Role, Tags};
use super::text::Line;

pub(crate) const EPS: f32 = 0.01;

/// Rectangle in points; `y` is measured downwards from the top of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Something drawn on a page. Coordinates are from the top-left page corner.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Fill {
        rect: Rect,
        color: Rgb,
    },
    Stroke {
        rect: Rect,
        color: Rgb,
        width: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
        dashed: bool,
    },
    /// A web or mail link over `rect` (the text is drawn by its own items);
    /// `tag`: its place in the structure tree, (node, kid).
    Link {
        rect: Rect,
        uri: String,
        tag: Option<(usize, usize)>,
    },
    /// Opens a piece of real content of a structure element: the items up
    /// to the next [`Item::End`] (kid `kid` of node `node`, see
    /// [`super::tags`]). Items outside such a pair are artifacts.
    Begin {
        node: usize,
        kid: usize,
    },
    /// Closes the content opened by the last [`Item::Begin`].
    End,
    /// One run of text in one style; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
        width: f32,
    },
}

/// A laid-out page: body items and running header/footer items.
#[derive(Debug, Clone, Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
    pub running: Vec<Item>,
}

/// Page size and the box the body flows in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Geometry {
    pub width: f32,
    pub height: f32,
    /// Body box; equals the margin box unless the header or footer needs more room.
    pub body: Rect,
}

impl Geometry {
    pub(crate) fn body_bottom(&self) -> f32 {
        self.body.y + self.body.h
    }
}

/// An outline entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bookmark {
    pub title: String,
    /// 1 = top level.
    pub level: u8,
    /// 0-based page index.
    pub page: usize,
    pub y: f32,
}

/// Result of laying out a document.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    #[allow(dead_code)] // Read by the pagination tests.
    pub tables: Vec<TableTrace>,
    /// The logical structure the pages' marked content belongs to.
    pub tags: Tags,
}

/// Layout state shared by the block layouters.
pub(crate) struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub geometry: Geometry,
    pub pages: Vec<Page>,
    /// Current vertical position on the last page.
    pub y: f32,
    pub bookmarks: Vec<Bookmark>,
    pub tables: Vec<TableTrace>,
    /// Level of the last h1/h2, for nesting `data-marcador` bookmarks.
    pub heading_level: u8,
    /// How words too wide for their line break (from the document's `lang`).
    pub hyphenation: Hyphenation,
    /// The structure tree being built.
    pub tags: Tags,
}

impl<'f> Flow<'f> {
    /// `spans` wrapped to the width of the body at `size` points, all bold
    /// with `bold`.
    pub(crate) fn wrap_body(&self, spans: &[Span], size: f32, bold: bool) -> Vec<Line> {
        super::text::wrap(
            self.fonts,
            self.hyphenation,
            spans,
            size,
            self.geometry.body.w,
            bold,
        )
    }

    pub(crate) fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geometry.body.y;
    }

    pub(crate) fn at_top(&self) -> bool {
        self.y <= self.geometry.body.y + EPS
    }

    pub(crate) fn remaining(&self) -> f32 {
        self.geometry.body_bottom() - self.y
    }

    pub(crate) fn push(&mut self, item: Item) {
        self.pages
            .last_mut()
            .expect("a page exists")
            .items
            .push(item);
    }

    /// Adds vertical space unless at the top of a page.
    pub(crate) fn space(&mut self, h: f32) {
        if !self.at_top() {
            self.y = (self.y + h).min(self.geometry.body_bottom());
        }
    }

    /// Records a bookmark at the current position. `level` 0 means "one below the
    /// last heading".
    pub(crate) fn bookmark(&mut self, title: &str, level: u8) {
        let level = if level == 0 {
            (self.heading_level + 1).min(3)
        } else {
            level
        };
        if title.trim().is_empty() {
            return;
        }
        self.bookmarks.push(Bookmark {
            title: title.trim().to_string(),
            level,
            page: self.page_index(),
            y: self.y,
        });
    }

    /// Pushes the text items of `line`, content of the structure element
    /// `node`, with its left edge at `x` and its top at `top`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_line(
        &mut self,
        node: usize,
        line: &Line,
        x: f32,
        top: f32,
        size: f32,
        color: Rgb,
    ) {
        let page = self.pages.last_mut().expect("a page exists");
        let mut tagged = Tagged {
            tags: &mut self.tags,
            node,
        };
        push_line_items(
            &mut page.items,
            Some(&mut tagged),
            self.fonts,
            line,
            x,
            top,
            size,
            color,
        );
    }

    /// A new structure element `role` at the end of the document's.
    pub(crate) fn element(&mut self, role: Role) -> usize {
        self.tags.add(ROOT, role)
    }
}

/// Baseline offset from the top of a line box of `size` points.
pub(crate) fn baseline(fonts: &Fonts, size: f32) -> f32 {
    let f = &fonts.regular;
    let lh = style::line_height(size);
    (lh - (f.ascent + f.descent) * size) / 2.0 + f.ascent * size
}

/// The structure element a line of text belongs to.
pub(crate) struct Tagged<'t> {
    pub tags: &'t mut Tags,
    pub node: usize,
}

/// Pushes the text items of `line`: as content of `tagged`'s element, each
/// link in it a `Link` element of its own with its annotation, or (`None`)
/// as an artifact, whose links stay plain text.
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_line_items(
    items: &mut Vec<Item>,
    mut tagged: Option<&mut Tagged<'_>>,
    fonts: &Fonts,
    line: &Line,
    x: f32,
    top: f32,
    size: f32,
    color: Rgb,
) {
    let y = top + baseline(fonts, size);
    // The element whose content is open.
    let mut open: Option<usize> = None;
    for f in &line.frags {
        if let Some(t) = tagged.as_deref_mut() {
            let want = match (&f.link, open) {
                (Some(uri), _) => t.tags.link(t.node, uri),
                // A space between two words of a link stays in it.
                (None, Some(o)) if f.text.trim().is_empty() => o,
                (None, _) => {
                    t.tags.last_link = None;
                    t.node
                }
            };
            if open != Some(want) {
                if open.is_some() {
                    items.push(Item::End);
                }
                items.push(t.tags.begin(want));
                open = Some(want);
            }
            if let Some(uri) = &f.link {
                let tag = t.tags.annotation(want);
                items.push(Item::Link {
                    rect: Rect {
                        x: x + f.dx,
                        y: top,
                        w: f.width,
                        h: style::line_height(size),
                    },
                    uri: uri.clone(),
                    tag: Some(tag),
                });
            }
        }
        items.push(Item::Text {
            x: x + f.dx,
            y,
            size,
            bold: f.bold,
            color,
            text: f.text.clone(),
            width: f.width,
        });
    }
    if open.is_some() {
        items.push(Item::End);
    }
}

/// Lays out a parsed document.
pub(crate) fn layout(doc: &Document, fonts: &Fonts) -> Result<Layout, PdfError> {
    let meta = &doc.meta;
    let m = meta.margins;
    let content_w = meta.page_width - m.left - m.right;
    let content_h = meta.page_height - m.top - m.bottom;
    if content_w < mm(30.0) || content_h < mm(30.0) {
        return Err(PdfError::invalid(1, "meta", super::error::Reason::Margins));
    }
    // The header sits in the top margin, its rule GAP above the body; if the margin
    // is too small the body starts lower (and the same for the footer).
    let gap = mm(2.5);
    let min_edge = mm(5.0);
    let header_h = doc
        .header
        .as_ref()
        .map_or(0.0, |r| running::height(fonts, r, content_w, "9999"));
    let footer_h = doc
        .footer
        .as_ref()
        .map_or(0.0, |r| running::height(fonts, r, content_w, "9999"));
    let top = if header_h > 0.0 {
        m.top.max(min_edge + header_h + gap)
    } else {
        m.top
    };
    let bottom = if footer_h > 0.0 {
        m.bottom.max(min_edge + footer_h + gap)
    } else {
        m.bottom
    };
    let geometry = Geometry {
        width: meta.page_width,
        height: meta.page_height,
        body: Rect {
            x: m.left,
            y: top,
            w: content_w,
            h: meta.page_height - top - bottom,
        },
    };
    let mut flow = Flow {
        fonts,
        geometry,
        pages: Vec::new(),
        y: 0.0,
        bookmarks: Vec::new(),
        tables: Vec::new(),
        heading_level: 0,
        hyphenation: Hyphenation::for_lang(&meta.lang),
        tags: Tags::default(),
    };
    flow.new_page();
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading {
                level,
                spans,
                bookmark,
            } => {
                let follow = blocks::follow_height(&flow, &doc.blocks[i + 1..]);
                blocks::heading(&mut flow, *level, spans, bookmark.as_deref(), follow)
            }
            Block::Paragraph { spans, bookmark } => {
                blocks::paragraph(&mut flow, spans, bookmark.as_deref())
            }
            Block::PageBreak => {
                if !flow.at_top() {
                    flow.new_page();
                }
            }
            Block::Marker(title) => flow.bookmark(title, 0),
            Block::Table(t) => table::layout_table(&mut flow, t)?,
            Block::Chart(c) => chart::layout_chart(&mut flow, c),
        }
    }
    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let number = (i + 1).to_string();
        let count = total.to_string();
        if let Some(h) = &doc.header {
            running::draw(
                &mut page.running,
                fonts,
                &geometry,
                h,
                &number,
                &count,
                true,
            );
        }
        if let Some(f) = &doc.footer {
            running::draw(
                &mut page.running,
                fonts,
                &geometry,
                f,
                &number,
                &count,
                false,
            );
        }
    }
    Ok(Layout {
        geometry,
        pages: flow.pages,
        bookmarks: flow.bookmarks,
        tables: flow.tables,
        tags: flow.tags,
    })
}
