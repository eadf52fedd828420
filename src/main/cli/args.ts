/** zod parsers for CLI arguments, so bad input gets a sentence rather than a stack trace. */
import { InvalidArgumentError } from 'commander'
import { z } from 'zod'

function parseWith<T>(schema: z.ZodType<T>, what: string) {
  return (value: string): T => {
    const result = schema.safeParse(value)
    if (!result.success) throw new InvalidArgumentError(`"${value}" is not ${what}.`)
    return result.data
  }
}

export const parsePositiveInt = parseWith(z.coerce.number().int().positive(), 'a positive whole number')
export const parsePaperId = parseWith(z.coerce.number().int().positive(), 'a paper id (a positive whole number)')
