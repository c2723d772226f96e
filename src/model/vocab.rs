//! The closed vocabularies of the inputs (process level, measure, direction…),
//! each with its canonical Spanish name and the variants people write.

use serde::{Serialize, Serializer};

use crate::text::{fold_key, folds_to};

/// Declares an enumeration read from text: canonical name first, then aliases.
/// Matching ignores case, accents and spacing.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident => $canon:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// Canonical name, as written in inputs and shown in outputs.
            pub fn nombre(self) -> &'static str {
                match self { $($name::$var => $canon),+ }
            }

            /// Reads the canonical name or any alias, tolerantly.
            pub fn parse(texto: &str) -> Option<Self> {
                let k = fold_key(texto);
                $(
                    if folds_to($canon, &k) $(|| folds_to($alias, &k))* {
                        return Some($name::$var);
                    }
                )+
                None
            }

            /// The accepted canonical names, for error messages: `«a», «b» o «c»`.
            pub fn valores() -> String {
                let v: Vec<String> = Self::ALL.iter().map(|x| format!("«{}»", x.nombre())).collect();
                match v.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} o {}", rest.join(", "), last),
                    _ => v.join(""),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.nombre())
            }
        }
    };
}

vocabulary! {
    /// Process level of a unit (organic structure), which groups the Literal a4 matrix.
    Proceso {
        Gobernante => "gobernante" | "procesos gobernantes" | "proceso gobernante" | "nivel directivo"
            | "procesos gobernantes / nivel directivo" | "directivo",
        AgregadorDeValor => "agregador de valor" | "agregadores de valor" | "procesos agregadores de valor"
            | "procesos agregadores de valor / nivel operativo" | "nivel operativo" | "sustantivo"
            | "procesos sustantivos" | "proceso sustantivo",
        HabilitanteAsesoria => "habilitante de asesoría" | "asesoría" | "procesos habilitantes de asesoría"
            | "adjetivo de asesoría" | "procesos adjetivos de asesoría",
        HabilitanteApoyo => "habilitante de apoyo" | "apoyo" | "procesos habilitantes de apoyo"
            | "adjetivo de apoyo" | "procesos adjetivos de apoyo" | "nivel de apoyo / asesoría" | "nivel de apoyo",
        Desconcentrado => "desconcentrado" | "desconcentrados" | "procesos desconcentrados"
            | "descentralizado" | "descentralizados" | "procesos descentralizados",
    }
}

vocabulary! {
    /// What an indicator measures, which decides formats and percent conventions.
    Medida {
        Porcentaje => "porcentaje" | "%" | "porcentual",
        Numero => "numero" | "número" | "cantidad",
        /// An amount in US dollars.
        Monto => "monto" | "usd" | "dólares" | "dolares" | "valor monetario",
        Tiempo => "tiempo" | "días" | "dias" | "horas" | "minutos",
        /// A score or ratio.
        Indice => "indice" | "índice" | "razón" | "razon" | "ratio",
    }
}

vocabulary! {
    /// Whether higher or lower results are better.
    Sentido {
        Creciente => "creciente" | "ascendente" | "mayor es mejor",
        Decreciente => "decreciente" | "descendente" | "menor es mejor",
    }
}

vocabulary! {
    /// Whether targets and results are values to date or each period's own.
    Comportamiento {
        /// Each target and result is the value accumulated since January.
        Continuo => "continuo" | "acumulado",
        /// Each value is that period's own.
        Discreto => "discreto" | "por período" | "por periodo" | "periódico" | "periodico",
    }
}

vocabulary! {
    /// How often an indicator has a target.
    Periodicidad {
        Mensual => "mensual",
        Bimestral => "bimestral",
        Trimestral => "trimestral",
        Cuatrimestral => "cuatrimestral",
        Semestral => "semestral",
        Anual => "anual",
    }
}

vocabulary! {
    /// How the year's figure is made from the periods (SPEC 2.4).
    Agregacion {
        Ultimo => "ultimo" | "último" | "último valor" | "ultimo valor",
        Suma => "suma" | "sumar" | "total",
        Promedio => "promedio" | "media",
    }
}

vocabulary! {
    /// Kind of expenditure in the budget.
    TipoGasto {
        Corriente => "corriente" | "gasto corriente",
        Inversion => "inversion" | "inversión" | "gasto de inversión" | "gasto de inversion",
    }
}

impl Periodicidad {
    /// Length of one period in months.
    pub fn meses(self) -> u8 {
        match self {
            Periodicidad::Mensual => 1,
            Periodicidad::Bimestral => 2,
            Periodicidad::Trimestral => 3,
            Periodicidad::Cuatrimestral => 4,
            Periodicidad::Semestral => 6,
            Periodicidad::Anual => 12,
        }
    }

    /// The periodicity whose closing months are exactly the months given
    /// (1-based), if any: `[3, 6, 9, 12]` → trimestral.
    pub fn from_closing_months(meses: &[u8]) -> Option<Periodicidad> {
        Periodicidad::ALL.iter().copied().find(|p| {
            let span = p.meses();
            let esperados: Vec<u8> = (1..=12).filter(|m| m % span == 0).collect();
            esperados == meses
        })
    }
}

impl Proceso {
    /// Order of the sections in the Literal a4 matrix (the published one's order).
    pub fn orden_seccion(self) -> u8 {
        match self {
            Proceso::Gobernante => 0,
            Proceso::AgregadorDeValor => 1,
            Proceso::Desconcentrado => 2,
            Proceso::HabilitanteAsesoria | Proceso::HabilitanteApoyo => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_levels_accept_the_published_section_titles() {
        assert_eq!(
            Proceso::parse("PROCESOS DESCENTRALIZADOS"),
            Some(Proceso::Desconcentrado)
        );
        assert_eq!(
            Proceso::parse("Procesos Gobernantes / Nivel Directivo"),
            Some(Proceso::Gobernante)
        );
        assert_eq!(
            Proceso::parse("PROCESOS AGREGADORES DE VALOR / NIVEL OPERATIVO"),
            Some(Proceso::AgregadorDeValor)
        );
        assert_eq!(
            Proceso::parse("Habilitante de Asesoria"),
            Some(Proceso::HabilitanteAsesoria)
        );
        assert_eq!(
            Proceso::parse("NIVEL DE APOYO / ASESORÍA"),
            Some(Proceso::HabilitanteApoyo)
        );
        assert_eq!(Proceso::parse("otro"), None);
    }

    #[test]
    fn vocabularies_are_tolerant_and_list_their_values() {
        assert_eq!(
            Comportamiento::parse("Acumulado"),
            Some(Comportamiento::Continuo)
        );
        assert_eq!(
            Comportamiento::parse("por período"),
            Some(Comportamiento::Discreto)
        );
        assert_eq!(Medida::parse("Número"), Some(Medida::Numero));
        assert_eq!(Agregacion::parse("último"), Some(Agregacion::Ultimo));
        assert_eq!(TipoGasto::parse("Inversión"), Some(TipoGasto::Inversion));
        assert_eq!(Sentido::valores(), "«creciente» o «decreciente»");
    }

    #[test]
    fn periodicity_from_closing_months() {
        assert_eq!(
            Periodicidad::from_closing_months(&[3, 6, 9, 12]),
            Some(Periodicidad::Trimestral)
        );
        assert_eq!(
            Periodicidad::from_closing_months(&[4, 8, 12]),
            Some(Periodicidad::Cuatrimestral)
        );
        assert_eq!(
            Periodicidad::from_closing_months(&[12]),
            Some(Periodicidad::Anual)
        );
        assert_eq!(
            Periodicidad::from_closing_months(&(1..=12).collect::<Vec<_>>()),
            Some(Periodicidad::Mensual)
        );
        assert_eq!(Periodicidad::from_closing_months(&[1, 2, 3]), None);
    }
}
