//! Integration tests: run the real binary on fixture folders and read what it
//! wrote back (XLSX with calamine, CSV with the csv crate).

mod arquitectura;
mod avisos;
mod comandos;
mod common;
mod corpus;
mod documentos;
mod errores;
mod firma;
mod formulario;
mod generar;
mod indice;
mod instantaneas;
mod interrupcion;
mod libros;
mod muestra;
mod plantillas;
mod pnt;
mod porcentajes;
mod publicacion;
mod reglas;
mod rendicion;
mod revisar;
mod robustez;
mod seguridad;
