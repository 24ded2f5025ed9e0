import { Body, Controller, Get, Header, Headers, Put } from '@nestjs/common';
import { Public, Responds, ZodValidationPipe } from '@ratsinfo/api-core';
import { type ListResponse, listOf, type MyAuthorityDto, myAuthoritySchema, type MyLocaleDto, myLocaleSchema } from '@ratsinfo/contracts';
import { MeService } from './me.service';

/**
 * The signed-in person across authorities. `@Public` only for the guard (the route has no
 * tenant): the service verifies the bearer token itself and answers 401 without one.
 */
@Controller('api/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('authorities')
  @Public()
  @Responds(listOf(myAuthoritySchema))
  @Header('Cache-Control', 'no-store')
  @Header('Vary', 'Authorization')
  async authorities(@Headers('authorization') authorization: string | undefined): Promise<ListResponse<MyAuthorityDto>> {
    const principal = await this.me.authenticate(authorization);
    return { data: await this.me.authorities(principal) };
  }

  /** The language the caller's mails come in, for their accounts in every authority they belong to. */
  @Put('locale')
  @Public()
  @Responds(myLocaleSchema)
  @Header('Cache-Control', 'no-store')
  async locale(@Headers('authorization') authorization: string | undefined, @Body(new ZodValidationPipe(myLocaleSchema)) body: MyLocaleDto): Promise<MyLocaleDto> {
    const principal = await this.me.authenticate(authorization);
    await this.me.setLocale(principal, body.locale);
    return { locale: body.locale };
  }
}
