//! Who answers: the entities that report (the institution, then the
//! provinces and units of `[rendicion]`) and the entity each row names.

use super::*;

/// The entities that report: the institution, then the provinces and units
/// listed in `[rendicion]`. Unknown names are refused.
pub fn entidades(config: &Config, ds: &Dataset) -> Result<(Vec<Entidad>, Vec<usize>), Error> {
    let loc = || Location::file(crate::config::ARCHIVO);
    let mut problems = Problems::default();
    let mut out = vec![Entidad::Institucion];
    let r = &config.rendicion;
    if r.provincias.iter().any(|p| folds_to(p, "todas")) {
        out.extend(ds.provincias().into_iter().map(Entidad::Provincia));
    } else {
        for name in &r.provincias {
            match Provincia::parse(name) {
                // A province named twice reports once.
                Some(p) if out.contains(&Entidad::Provincia(p)) => {}
                Some(p) if ds.provincias().contains(&p) => out.push(Entidad::Provincia(p)),
                Some(p) => problems.push(loc(), format!("[rendicion] provincias: {} no tiene unidades en metas", p.nombre())),
                None => problems.push(loc(), format!("[rendicion] provincias: provincia desconocida «{name}»; se esperaba un nombre de provincia o «todas»")),
            }
        }
    }
    let unit = |name: &str, what: &str, problems: &mut Problems| -> Option<usize> {
        let found = ds
            .unidades
            .iter()
            .position(|u| fold_key(&u.nombre) == fold_key(name));
        if found.is_none() {
            let hint = closest(name, ds.unidades.iter().map(|u| u.nombre.as_str()))
                .map(|s| format!("; ¿quiso decir «{s}»?"))
                .unwrap_or_default();
            problems.push(
                loc(),
                format!("[rendicion] {what}: la unidad «{name}» no está en metas{hint}"),
            );
        }
        found
    };
    for name in &r.unidades {
        if let Some(u) = unit(name, "unidades", &mut problems)
            && !out.contains(&Entidad::Unidad(u))
        {
            out.push(Entidad::Unidad(u));
        }
    }
    let institucion: Vec<usize> = r
        .unidades_institucion
        .iter()
        .filter_map(|n| unit(n, "unidades_institucion", &mut problems))
        .collect();
    problems.into_result((out, institucion))
}

/// The entity a row answers for: blank or `institución` for the institution.
pub(super) fn entidad(f: &mut Fields, ctx: &Lectura) -> Option<Entidad> {
    let (config, ds, entidades) = (ctx.config, ctx.ds, ctx.entidades);
    let Some(t) = f.text("entidad") else {
        if entidades.len() > 1 {
            // A blank would move the row to the institution's report unseen.
            f.problem(
                "entidad",
                format!(
                    "falta la entidad: rinden cuentas por separado {} entidades (lotaip.toml, [rendicion]); escriba «institución», la provincia o la unidad de esta respuesta",
                    entidades.len()
                ),
            );
            return None;
        }
        return Some(Entidad::Institucion);
    };
    let k = fold_key(&t);
    let inst = &config.institucion;
    let e = if k == "institucion" || k == fold_key(&inst.nombre) || k == fold_key(&inst.siglas) {
        Some(Entidad::Institucion)
    } else if let Some(p) =
        Provincia::parse(&t).or_else(|| Provincia::parse(t.trim_start_matches("Provincia de ")))
    {
        Some(Entidad::Provincia(p))
    } else {
        ds.unidades
            .iter()
            .position(|u| fold_key(&u.nombre) == k)
            .map(Entidad::Unidad)
    };
    match e {
        Some(e) if entidades.contains(&e) => Some(e),
        Some(_) => {
            f.problem(
                "entidad",
                format!(
                    "«{t}» no rinde cuentas por separado; agréguela a [rendicion] en lotaip.toml"
                ),
            );
            None
        }
        None => {
            f.problem("entidad", format!("entidad desconocida «{t}»; se esperaba «institución», una provincia o una unidad que rinde cuentas por separado"));
            None
        }
    }
}
