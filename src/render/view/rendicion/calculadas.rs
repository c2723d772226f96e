//! The computed sections of the form: ejecución programática with its
//! narrative, ejecución presupuestaria and presupuesto institucional.

use super::*;

/// «CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA»: each meta with its planned and
/// achieved totals and percentage; the objective spans its metas.
pub(super) fn programatica(ds: &Dataset, r: &Rendicion, textos: &Textos) -> Tabla {
    let encabezado = vec![
        vec![
            Celda::texto("OBJETIVOS ESTRATEGICOS/COMPETENCIAS EXCLUSIVAS").span(1, 2),
            Celda::texto("META POA").span(2, 1),
            Celda::texto("INDICADOR DE LA META").span(1, 2),
            Celda::texto("RESULTADOS").span(2, 1),
            Celda::texto("% CUMPLIMIENTO DE LA GESTIÓN").span(1, 2),
            Celda::texto("DESCRIPCIÓN DE LA GESTIÓN POR META").span(1, 2),
        ],
        vec![
            Celda::texto("NO. DE META"),
            Celda::texto("DESCRIPCIÓN"),
            Celda::texto("TOTALES PLANIFICADOS"),
            Celda::texto("TOTALES CUMPLIDOS"),
        ],
    ];
    let mut filas = Vec::new();
    let mut k = 0;
    while k < r.metas.len() {
        let obj = &ds.indicadores[r.metas[k].indicador].objetivo;
        let n = r.metas[k..]
            .iter()
            .take_while(|m| ds.indicadores[m.indicador].objetivo == *obj)
            .count();
        for (j, m) in r.metas[k..k + n].iter().enumerate() {
            let ind = &ds.indicadores[m.indicador];
            let formato = match ind.medida {
                Medida::Porcentaje => Formato::Fraccion,
                m => Formato::Medida(m),
            };
            let valor = |v: Option<Decimal>| match v {
                Some(d) => Celda::numero(d, formato),
                None => Celda::texto("S/N").clase("centro"),
            };
            let mut row = Vec::new();
            if j == 0 {
                row.push(Celda::texto(obj.clone()).span(1, n));
            }
            row.push(numero_meta(ind, m.numero));
            row.push(Celda::texto(textos.meta[k + j].clone()));
            row.push(Celda::texto(ind.nombre.clone()));
            row.push(valor(m.anual.meta));
            row.push(valor(m.anual.real));
            row.push(match m.anual.cumplimiento {
                Some(p) => Celda::numero(rules::round_pct(p), Formato::Puntos),
                None => Celda::texto("S/N").clase("centro"),
            });
            row.push(Celda::texto(textos.gestion[k + j].clone()));
            filas.push(row);
        }
        k += n;
    }
    if filas.is_empty() {
        filas.push(vec![Celda::texto("S/N").span(8, 1)]);
    }
    filas.push(vec![
        Celda::texto("TOTAL % CUMPLIMIENTO DE LA GESTIÓN:")
            .span(6, 1)
            .clase("total"),
        match r.total {
            Some(t) => Celda::numero(rules::round_pct(t), Formato::Puntos).clase("num total"),
            None => Celda::texto("S/N").clase("total"),
        },
        Celda::texto("").clase("total"),
    ]);
    Tabla {
        titulo: "CUMPLIMIENTO DE LA EJECUCIÓN PROGRAMÁTICA".into(),
        hoja: "Ejecución programática".into(),
        encabezado,
        filas,
        columnas: 8,
        // NO. DE META may be a code (`IE-DNRGC-NA-10`).
        anchos: vec![16, 8, 16, 16, 10, 10, 9, 15],
        anchos_en_pdf: true,
        sin_responder: false,
    }
}

/// «NO. DE META»: the institution's own number (`numero_meta`), else the
/// indicator's code, else the meta's place in the report. A whole number is
/// a number cell.
fn numero_meta(ind: &crate::model::Indicador, orden: usize) -> Celda {
    let propio = ind.numero_meta.as_ref().or(ind.codigo.as_ref());
    match propio {
        Some(t) => match t.parse::<Decimal>() {
            Ok(d) if d.fract().is_zero() && !d.is_sign_negative() => {
                Celda::numero(d, Formato::Entero).clase("centro")
            }
            _ => Celda::texto(t.clone()).clase("centro"),
        },
        None => Celda::numero(Decimal::from(orden), Formato::Entero).clase("centro"),
    }
}

/// The narrative of each objective, from the editable template.
pub(super) fn narrativa(textos: &Textos) -> Tabla {
    let filas = if textos.objetivos.is_empty() {
        vec![vec![Celda::texto("S/N"), Celda::texto("S/N")]]
    } else {
        textos
            .objetivos
            .iter()
            .map(|(o, t)| {
                vec![
                    Celda::texto(o.clone()).clase("etiqueta"),
                    Celda::texto(t.clone()),
                ]
            })
            .collect()
    };
    Tabla {
        titulo: "DESCRIPCIÓN DE LA GESTIÓN POR OBJETIVO".into(),
        hoja: "Gestión por objetivo".into(),
        encabezado: vec![vec![
            Celda::texto("OBJETIVO"),
            Celda::texto("DESCRIPCIÓN DE LA GESTIÓN"),
        ]],
        filas,
        columnas: 2,
        anchos: vec![30, 70],
        anchos_en_pdf: true,
        sin_responder: false,
    }
}

/// «CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA».
pub(super) fn presupuestaria(config: &Config, r: &Rendicion, resp: &Respuestas) -> Tabla {
    let (cod, dev, pct) = r
        .presupuesto
        .as_ref()
        .map_or((Decimal::ZERO, Decimal::ZERO, Decimal::ZERO), |p| {
            (p.total.codificado, p.total.devengado, p.total.porcentaje)
        });
    let enlace = enlace_presupuesto(r, resp).unwrap_or_else(|| "NO APLICA".to_string());
    let meta = format!(
        "{}% DE EJECUCIÓN PRESUPUESTARIA",
        format::numero(config.rendicion.meta_ejecucion_presupuestaria)
    );
    let fila = |tipo: &str, desc: &str, link: &str, clase: &str| {
        vec![
            Celda::texto(tipo).clase(clase),
            Celda::texto(desc).clase(clase),
            Celda::numero(cod, Formato::Usd).clase(&format!("num {clase}")),
            Celda::numero(dev, Formato::Usd).clase(&format!("num {clase}")),
            Celda::numero(rules::round_pct(pct), Formato::Puntos).clase(&format!("num {clase}")),
            Celda::texto(link).clase(clase),
        ]
    };
    Tabla {
        titulo: "CUMPLIMIENTO DE LA EJECUCIÓN PRESUPUESTARIA".into(),
        hoja: "Ejecución presupuestaria".into(),
        encabezado: vec![
            [
                "TIPO",
                "DESCRIPCIÓN",
                "PRESUPUESTO PLANIFICADO",
                "PRESUPUESTO EJECUTADO",
                "% CUMPLIMIENTO DE LA GESTIÓN",
                "LINK AL MEDIO DE VERIFICACIÓN PUBLICADO EN LA PÁG. WEB DE LA INSTITUCIÓN",
            ]
            .into_iter()
            .map(Celda::texto)
            .collect(),
        ],
        filas: vec![
            fila("META", &meta, &enlace, ""),
            fila("Total", "TOTAL % CUMPLIMIENTO DE LA GESTIÓN:", "", "total"),
        ],
        columnas: 6,
        anchos: vec![8, 22, 16, 16, 12, 26],
        anchos_en_pdf: true,
        sin_responder: false,
    }
}

/// The link of the budget execution: its own answer (the row of the META,
/// or the first that gives one), or else the older `enlace_presupuesto` of
/// `datos_generales`.
fn enlace_presupuesto(r: &Rendicion, resp: &Respuestas) -> Option<String> {
    let link = |f: &Fila, s: &Seccion, k: &str| match f.valor(s, k) {
        Valor::Enlace(u) => Some(u.clone()),
        _ => None,
    };
    let own = Seccion::por_clave(crate::model::formulario::ENLACE_PRESUPUESTO).and_then(|s| {
        let filas = resp.de(r.entidad, s.clave);
        let meta = filas.iter().find(
            |f| matches!(f.valor(s, "tipo"), Valor::Texto(t) if crate::text::fold_key(t) == "meta"),
        );
        meta.and_then(|f| link(f, s, "enlace"))
            .or_else(|| filas.iter().find_map(|f| link(f, s, "enlace")))
    });
    own.or_else(|| {
        let s = Seccion::por_clave("datos_generales")?;
        resp.de(r.entidad, s.clave)
            .first()
            .and_then(|f| link(f, s, "enlace_presupuesto"))
    })
}

/// «PRESUPUESTO INSTITUCIONAL»: current and investment spending, planned and executed.
pub(super) fn institucional(p: Option<&FilaPresupuesto>) -> Tabla {
    let z = Decimal::ZERO;
    let parts =
        |e: Option<&crate::compute::Ejecucion>| e.map_or((z, z), |e| (e.codificado, e.devengado));
    let (cc, cd) = parts(p.and_then(|p| p.corriente.as_ref()));
    let (ic, id) = parts(p.and_then(|p| p.inversion.as_ref()));
    let total = p.map_or(z, |p| p.total.codificado);
    let pct = p.map_or(z, |p| p.total.porcentaje);
    Tabla {
        titulo: "PRESUPUESTO INSTITUCIONAL".into(),
        hoja: "Presupuesto institucional".into(),
        encabezado: vec![
            [
                "TOTAL DE PRESUPUESTO INSTITUCIONAL CODIFICADO",
                "GASTO CORRIENTE PLANIFICADO",
                "GASTO CORRIENTE EJECUTADO",
                "GASTO DE INVERSIÓN PLANIFICADO",
                "GASTO DE INVERSIÓN EJECUTADO",
                "% EJECUCIÓN PRESUPUESTARIA",
            ]
            .into_iter()
            .map(Celda::texto)
            .collect(),
        ],
        filas: vec![vec![
            Celda::numero(total, Formato::Usd),
            Celda::numero(cc, Formato::Usd),
            Celda::numero(cd, Formato::Usd),
            Celda::numero(ic, Formato::Usd),
            Celda::numero(id, Formato::Usd),
            Celda::numero(rules::round_pct(pct), Formato::Puntos),
        ]],
        columnas: 6,
        anchos: vec![18, 16, 16, 16, 16, 18],
        anchos_en_pdf: true,
        sin_responder: false,
    }
}
